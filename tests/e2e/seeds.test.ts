/**
 * The five seed articles, end to end: the facts checked by hand (issue 2), and
 * every span of every record pointing at the text it was read from.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runtime, at } from "../helpers.js";
import { processArticle } from "../../src/pipeline/stages.js";
import type { Doc } from "../../src/pipeline/doc.js";
import { Article } from "../../src/schema/record.js";

const seed = (name: string): Doc => processArticle(name, readFileSync(`corpus/${name}`), runtime());
const codes = (a: Article["agreements"][number]) => a.parties.map((p) => p.code ?? p.name).sort();

function checkSpans(doc: Doc): void {
  const r = doc.record!;
  expect(Article.safeParse(r).success).toBe(true);
  if (r.publishedOn) expect(at(doc, r.publishedOn.span)).toBe(r.publishedOn.text);
  for (const p of r.people) for (const m of p.mentions) expect(p.name.toLowerCase()).toContain(at(doc, m).toLowerCase().split(/\s+/).pop());
  for (const a of r.agreements) {
    if (a.date) expect(at(doc, a.date.span)).toBe(a.date.text);
    for (const e of a.evidence) expect(at(doc, e).trim().length).toBeGreaterThan(0);
    for (const p of a.parties) for (const m of p.mentions) expect(at(doc, m).length).toBeGreaterThan(1);
  }
}

describe("seed 000: Hauts-de-France – Maryland", () => {
  const doc = seed("000_8e4d770cedba1d2b.txt");
  const r = doc.record!;
  it("has one signed memorandum of understanding, in December of an unknown year", () => {
    expect(r.agreements).toHaveLength(1);
    const a = r.agreements[0]!;
    expect(a).toMatchObject({ type: "memorandum_of_understanding", status: "signed" });
    expect(codes(a)).toEqual(["FR-HDF", "US-MD"]);
    expect(a.date).toMatchObject({ value: "XXXX-12", precision: "month", text: "décembre dernier" });
    expect(r.warnings.some((w) => /XXXX/.test(w))).toBe(true);
    expect(a.sectors).toEqual(expect.arrayContaining(["economy_trade", "cybersecurity", "digital", "agriculture_food", "health"]));
    expect(r.sectors).toContain("education_training");
  });
  it("names the people with their roles", () => {
    const byName = new Map(r.people.map((p) => [p.name, p]));
    expect([...byName.keys()]).toEqual(expect.arrayContaining(["François Decoster", "Paul Mulot", "Boyd Rutherford", "John Wobensmith", "Kelly Schulz"]));
    expect(byName.get("François Decoster")!.role).toMatch(/^vice-président en charge de la Culture/);
    expect(byName.get("Paul Mulot")!.role).toBe("conseiller régional délégué aux relations internationales");
  });
  it("points every span at its text", () => checkSpans(doc));
});

describe("seed 001: ambassadors' visit", () => {
  const doc = seed("001_da96ee3e682ed152.txt");
  it("has no agreement, and two people with roles", () => {
    expect(doc.record!.agreements).toEqual([]);
    expect(doc.record!.people.map((p) => [p.name, p.role])).toEqual([
      ["Benoît Savoure", "responsable du service développement international et attractivité"],
      ["Caroll Duthérage", "directrice innovation"],
    ]);
    checkSpans(doc);
  });
});

describe("seed 002: Bourgogne-Franche-Comté in Wisconsin", () => {
  const doc = seed("002_31f91bbb2d4c4097.txt");
  it("has a planned partnership agreement BioForward – Agence Économique Régionale", () => {
    expect(doc.record!.agreements).toHaveLength(1);
    const a = doc.record!.agreements[0]!;
    expect(a).toMatchObject({ type: "partnership_agreement", status: "planned" });
    expect(a.parties.map((p) => p.name).sort()).toEqual(["Agence Économique Régionale de Bourgogne-Franche-Comté", "BioForward"]);
    expect(a.parties.find((p) => p.name === "BioForward")!.country).toBe("US");
  });
  it("names four people, 'Nicolas PARIS' as Nicolas Paris", () => {
    expect(doc.record!.people.map((p) => p.name)).toEqual(["Nicolas Soret", "Martine Abrahamse-Pleux", "Nicolas Paris", "Marie-Guite Dufay"]);
    checkSpans(doc);
  });
});

describe("seed 003: Île-de-France – Zhejiang", () => {
  const doc = seed("003_c1dc2ae50ea910bc.txt");
  const [coop, frame] = doc.record!.agreements;
  it("has the signed cooperation agreement, at Hangzhou, for 10 years, with its signatories and domains", () => {
    expect(doc.record!.agreements).toHaveLength(2);
    expect(coop).toMatchObject({ type: "cooperation_agreement", status: "signed", place: "Hangzhou", durationYears: 10, signatories: ["Valérie Pécresse", "Jiajun Yuan"] });
    expect(codes(coop!)).toEqual(["CN-ZJ", "FR-IDF"]);
    expect(coop!.sectors).toEqual(expect.arrayContaining(["economy_trade", "research_innovation", "education_training", "health", "urban_development", "tourism", "culture_heritage"]));
    // "ce jour" with no publication date: unresolved, said so
    expect(coop!.date).toBeNull();
    expect(doc.record!.warnings.some((w) => /no publication date/.test(w))).toBe(true);
  });
  it("has the signed framework agreement between the universities", () => {
    expect(frame).toMatchObject({ type: "framework_agreement", status: "signed" });
    expect(frame!.parties.map((p) => p.name)).toEqual(["Université Paris-Saclay", "Université du Zhejiang"]);
    checkSpans(doc);
  });
});

describe("seed 004: the eight agreements of Île-de-France", () => {
  const doc = seed("004_f6347791ab7109bf.txt");
  const r = doc.record!;
  it("reads the publication date from the dateline", () => {
    expect(r.publishedOn).toMatchObject({ value: "2019-02-14", precision: "day", inferred: false });
    expect(at(doc, r.publishedOn!.span)).toBe("14 février 2019");
  });
  it("finds the eight agreements with their dates", () => {
    const got = r.agreements.map((a) => [a.parties.find((p) => p.country !== "FR")!.code ?? a.parties.find((p) => p.country !== "FR")!.name, a.date?.value]);
    expect(got).toEqual(
      expect.arrayContaining([
        ["AM-ER", "2018-11-19"],
        ["CN-ZJ", "2018-06"],
        ["DZ-16", "2017"],
        ["Grand Tunis", "2017"],
        ["KR-41", "2016"],
        ["MA-06", "2016"],
        ["ES-CT", "2016"],
      ]),
    );
    expect(r.agreements).toHaveLength(8);
    const cplp = r.agreements.find((a) => a.type === "declaration_of_intent")!;
    expect(cplp.date?.value).toBe("2017-07");
    expect(cplp.parties.some((p) => /Confédération entrepreneuriale/.test(p.name))).toBe(true);
    for (const a of r.agreements) expect(a.parties.some((p) => p.code === "FR-IDF")).toBe(true);
    checkSpans(doc);
  });
});
