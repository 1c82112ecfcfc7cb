/**
 * The tense of a clause's verbs, from fr-compromise's conjugation model: used only
 * as a fallback when no status cue of the rules says whether an agreement is
 * signed or planned (a few sentences an article, so its cost stays small).
 * Loaded on first use.
 */
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

type Nlp = (text: string) => { json(): { terms: { text: string; tags: string[] }[] }[] };
let nlp: Nlp | undefined;

export type Tense = "future" | "past" | null;

const MAX_CLAUSE = 600;

export function clauseTense(text: string): Tense {
  if (text.length > MAX_CLAUSE) return null;
  nlp ??= require("fr-compromise") as Nlp;
  let future = false;
  let past = false;
  for (const sentence of nlp(text).json()) {
    for (const t of sentence.terms) {
      if (t.tags.includes("FutureTense") || t.tags.includes("Conditional")) future = true;
      else if (t.tags.includes("PastTense") && (t.tags.includes("Participle") || /[ée]s?$/.test(t.text))) past = true;
    }
  }
  if (future && !past) return "future";
  if (past && !future) return "past";
  return null;
}
