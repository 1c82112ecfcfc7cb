/**
 * Example corpora (tests/corpus/*.yaml), Duckling style: one expected value, many
 * surface forms, a fixed reference date, and a negative corpus. Offsets are checked:
 * the span of each value is the text it was read from.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { at, run, runtime } from "./helpers.js";
import { refFromValue } from "../src/extract/dates.js";
import type { Sentence } from "../src/pipeline/doc.js";

const load = (name: string) => parse(readFileSync(`tests/corpus/${name}.yaml`, "utf8"));
const rt = runtime();
const sentence = (text: string): Sentence[] => [{ index: 0, start: 0, end: text.length, paragraph: 0, kind: "text", bullets: [], parent: null }];

interface DateCase {
  value: string;
  precision: string;
  forms: string[];
}

describe("dates corpus", () => {
  const corpus = load("dates") as { ref: string; template: string; cases: DateCase[]; future: { template: string; cases: DateCase[] }; negative: string[] };
  const ref = refFromValue(corpus.ref);
  const check = (template: string, cases: DateCase[]) => {
    for (const c of cases) {
      for (const form of c.forms) {
        it(`${JSON.stringify(form)} → ${c.value}`, () => {
          const text = template.replace("{form}", form);
          const found = rt.dates.extract(text, sentence(text), ref).filter((t) => t.kind === "date");
          expect(found).toHaveLength(1);
          expect(found[0]!.value).toBe(c.value);
          expect(found[0]!.precision).toBe(c.precision);
          // the span is the date's words, inside the form
          expect(form).toContain(text.slice(found[0]!.start, found[0]!.end));
        });
      }
    }
  };
  check(corpus.template, corpus.cases);
  check(corpus.future.template, corpus.future.cases);
  for (const text of corpus.negative) {
    it(`no date in ${JSON.stringify(text)}`, () => {
      expect(rt.dates.extract(text, sentence(text), ref).filter((t) => t.kind === "date")).toEqual([]);
    });
  }
  it("marks a year taken from the publication date as inferred, and a stated one as not", () => {
    const text = "signé en décembre dernier et en juin 2018";
    const [a, b] = rt.dates.extract(text, sentence(text), ref);
    expect(a).toMatchObject({ value: "2023-12", inferred: true });
    expect(b).toMatchObject({ value: "2018-06", inferred: false });
  });
  it("writes an unknown year as XXXX, with a warning, when there is no publication date", () => {
    const text = "En décembre dernier, la Région a signé.";
    const [t] = rt.dates.extract(text, sentence(text), null);
    expect(t).toMatchObject({ value: "XXXX-12", precision: "month" });
    expect(t!.warning).toMatch(/year unknown/);
  });
});

describe("people corpus", () => {
  const corpus = load("people") as { cases: { text: string; people: { name: string; role: string | null; organization?: string }[] }[]; negative: string[] };
  for (const c of corpus.cases) {
    it(c.text, () => {
      const doc = run(c.text);
      const people = doc.record!.people;
      expect(people.map((p) => p.name)).toEqual(c.people.map((p) => p.name));
      c.people.forEach((want, i) => {
        const got = people[i]!;
        expect(got.role).toBe(want.role);
        if (want.organization !== undefined) expect(got.organization).toBe(want.organization);
        // every mention points at the name (or a part of it) in the source
        for (const m of got.mentions) expect(want.name.toLowerCase()).toContain(at(doc, m).toLowerCase().split(" ").pop());
      });
    });
  }
  for (const text of corpus.negative) {
    it(`nobody in ${JSON.stringify(text)}`, () => {
      expect(run(text).record!.people).toEqual([]);
    });
  }
});

describe("agreements corpus", () => {
  const corpus = load("agreements") as {
    cases: { text: string; agreements: { type: string; status: string; parties: string[]; onlyParties?: boolean; date?: string; durationYears?: number; sectors?: string[]; signatories?: string[] }[] }[];
    negative: string[];
  };
  for (const c of corpus.cases) {
    it(c.text.replace(/\n/g, " "), () => {
      const doc = run(c.text);
      const got = doc.record!.agreements;
      expect(got).toHaveLength(c.agreements.length);
      c.agreements.forEach((want, i) => {
        const a = got[i]!;
        expect(a.type).toBe(want.type);
        expect(a.status).toBe(want.status);
        for (const code of want.parties) expect(a.parties.map((p) => p.code ?? p.name)).toContain(code);
        // (`onlyParties`: no party beyond those listed)
        if (want.onlyParties) expect(a.parties).toHaveLength(want.parties.length);
        if (want.date) expect(a.date?.value).toBe(want.date);
        if (want.durationYears) expect(a.durationYears).toBe(want.durationYears);
        if (want.sectors) expect(a.sectors).toEqual(want.sectors);
        if (want.signatories) expect(a.signatories).toEqual(want.signatories);
        // evidence and mentions point into the source
        for (const p of a.parties) for (const m of p.mentions) expect(at(doc, m).length).toBeGreaterThan(0);
        if (a.date) expect(at(doc, a.date.span)).toBe(a.date.text);
      });
    });
  }
  for (const text of corpus.negative) {
    it(`no agreement in ${JSON.stringify(text)}`, () => {
      expect(run(text).record!.agreements).toEqual([]);
    });
  }
});
