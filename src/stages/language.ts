/**
 * Stage 3, language: franc restricted to the languages of rules/language.yaml.
 * Confidence is the margin between the best language and the runner-up, scaled
 * so that a clear French text reads close to 1. Texts too short for franc are
 * judged on their share of French function words.
 */
import { francAll } from "franc";
import type { RuleSet } from "../rules/load.js";

export interface LanguageResult {
  code: string;
  confidence: number;
  rule: string;
}

const WORDS = /[\p{L}]+/gu;

export function detectLanguage(text: string, rules: RuleSet): LanguageResult {
  const languages = [...rules.map("languages").keys()];
  const settings = rules.map("settings");
  const minLength = Number(settings.get("min_length") ?? 40);
  const sampleLength = Number(settings.get("sample_length") ?? 3000);
  const minShare = Number(settings.get("min_function_word_share") ?? 0.2);
  const sample = text.slice(0, sampleLength);
  const letters = sample.replace(/[^\p{L}]/gu, "").length;
  if (letters >= minLength) {
    const ranked = francAll(sample, { only: languages, minLength });
    const [best, second] = ranked;
    if (best && best[0] !== "und") {
      const margin = 1 - (second?.[1] ?? 0);
      // franc's scores are close together: a margin of 0.05 over the runner-up is already clear
      return { code: best[0], confidence: round(Math.min(1, margin / 0.05)), rule: "language.franc" };
    }
  }
  const words = (sample.toLowerCase().match(WORDS) ?? []) as string[];
  if (words.length === 0) return { code: "und", confidence: 0, rule: "language.empty" };
  const functionWords = new Set(rules.lexicon("french_function_words"));
  const share = words.filter((w) => functionWords.has(w)).length / words.length;
  if (share >= minShare) return { code: "fra", confidence: round(Math.min(0.5, share)), rule: "language.function_words" };
  return { code: "und", confidence: 0, rule: "language.too_short" };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
