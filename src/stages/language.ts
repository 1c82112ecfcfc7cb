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

const markerSets = new WeakMap<RuleSet, { french: Set<string>; other: Set<string> }>();

export function detectLanguage(text: string, rules: RuleSet): LanguageResult {
  const languages = [...rules.map("languages").keys()];
  const settings = rules.map("settings");
  // 1. the quick pass: clearly French words
  let markers = markerSets.get(rules);
  if (!markers) {
    markers = { french: new Set(rules.lexicon("french_markers")), other: new Set(rules.lexicon("other_markers")) };
    markerSets.set(rules, markers);
  }
  const quickWords = Number(settings.get("quick_words") ?? 300);
  const head = text.slice(0, quickWords * 8).toLowerCase().match(WORDS) ?? [];
  const sample0 = head.slice(0, quickWords);
  if (sample0.length >= Number(settings.get("quick_min_words") ?? 40)) {
    let fr = 0;
    let other = 0;
    for (const w of sample0) {
      if (markers.french.has(w)) fr++;
      else if (markers.other.has(w)) other++;
    }
    const frShare = fr / sample0.length;
    const otherShare = other / sample0.length;
    if (frShare >= Number(settings.get("quick_min_french_share") ?? 0.12) && otherShare <= Number(settings.get("quick_max_other_share") ?? 0.015)) {
      return { code: "fra", confidence: round(Math.min(1, (frShare - otherShare) / 0.15)), rule: "language.markers" };
    }
  }
  // 2. franc
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
