/**
 * Every rule's examples run as tests: the rule must match the example's `match`
 * (the whole match or one of its groups), give its `value` once the extractor has
 * resolved it, and match none of its counter-examples.
 */
import { describe, expect, it } from "vitest";
import { runtime } from "./helpers.js";
import { scan, ScanContext } from "../src/extract/engine.js";
import { refFromValue } from "../src/extract/dates.js";
import { tokenize } from "../src/stages/segment.js";
import type { CompiledRule } from "../src/rules/load.js";
import type { Sentence } from "../src/pipeline/doc.js";

const rt = runtime();
const rules = rt.rules.allRules();
const oneSentence = (text: string): Sentence[] => [{ index: 0, start: 0, end: text.length, paragraph: 0, kind: "text", bullets: [], parent: null }];

function matchTexts(rule: CompiledRule, text: string): string[] {
  return scan([rule], text).flatMap((m) => [m.text, ...Object.values(m.groups).flatMap((g) => (g ? [text.slice(g.start, g.end)] : []))]);
}

/** The value the extractor gives for the example, per family. */
function valueOf(rule: CompiledRule, text: string, match: string | undefined, ref: string | undefined): unknown {
  switch (rule.family) {
    case "date":
    case "date_range":
    case "period":
    case "duration": {
      const found = rt.dates.extract(text, oneSentence(text), refFromValue(ref));
      const t = found.find((x) => (match ? x.text === match || text.slice(x.start, x.end) === match : x.rule === rule.id)) ?? found[0];
      if (!t) return undefined;
      if (t.kind === "duration") return t.years;
      if (t.kind === "period") return `${t.from}/${t.to}`;
      return t.value ?? null;
    }
    case "dateline":
      return rt.dates.readDate(text, 0, "dateline")?.value;
    case "party": {
      const places = rt.places.extract(text, tokenize(text));
      const p = places.find((x) => text.slice(x.nameStart, x.nameEnd) === match) ?? places[0];
      return p ? (p.code ?? p.country) : undefined;
    }
    case "status":
      return rule.status;
    default:
      return undefined;
  }
}

describe.each(rules.filter((r) => r.examples.length || r.counterExamples.length).map((r) => [r.id, r] as const))("%s", (_id, rule) => {
  for (const ex of rule.examples) {
    it(`matches ${JSON.stringify(ex.text)}`, () => {
      const texts = matchTexts(rule, ex.text);
      expect(texts.length, `${rule.id} (${rule.file}:${rule.line}) does not match`).toBeGreaterThan(0);
      if (ex.match) expect(texts).toContain(ex.match);
      // the cheap first pass (`requires`) lets the example through
      const gated = new ScanContext(ex.text, oneSentence(ex.text), rt.rules.gate).scan([rule]);
      expect(gated.length, `${rule.id}: its "requires" words miss this example`).toBeGreaterThan(0);
      if (ex.value !== undefined && rule.family !== "status") expect(valueOf(rule, ex.text, ex.match, ex.ref)).toEqual(ex.value);
    });
  }
  for (const counter of rule.counterExamples) {
    it(`does not match ${JSON.stringify(counter)}`, () => {
      expect(matchTexts(rule, counter)).toEqual([]);
    });
  }
});

describe("rule set", () => {
  it("has examples for most rules", () => {
    const without = rules.filter((r) => r.examples.length === 0).map((r) => r.id);
    expect(without).toEqual([]);
  });
});
