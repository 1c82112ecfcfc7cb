/**
 * Runs the pipeline on the gold fixtures and scores it field by field, for the
 * dev and test parts separately.
 */
import { readdirSync, readFileSync } from "node:fs";
import { basename, extname, join } from "node:path";
import type { Agreement, Article } from "../schema/record.js";
import { GoldArticle, type GoldAgreement } from "./gold.js";
import { processArticle } from "../pipeline/stages.js";
import type { Runtime } from "../pipeline/env.js";
import { addPrf, compareSets, partiesMatch, peopleMatch, prf, rolesMatch, scores, type Prf } from "./match.js";

export interface Accuracy {
  correct: number;
  total: number;
}

export interface Counts {
  articles: number;
  agreementsLenient: Prf;
  agreementsStrict: Prf;
  partyCodes: Prf;
  type: Accuracy;
  status: Accuracy;
  date: Accuracy;
  agreementSectors: Prf;
  signatories: Prf;
  people: Prf;
  roles: Accuracy;
  articleSectors: Prf;
  publishedOn: Accuracy;
  language: Accuracy;
}

export interface ArticleResult {
  id: string;
  split: "dev" | "test";
  misses: string[];
  counts: Counts;
}

export interface Metric {
  name: string;
  kind: "prf" | "accuracy";
  precision?: number;
  recall?: number;
  f1?: number;
  accuracy?: number;
  support: number;
}

export interface EvalReport {
  splits: Record<"dev" | "test" | "all", { articles: number; metrics: Metric[] }>;
  articles: ArticleResult[];
}

const acc = (): Accuracy => ({ correct: 0, total: 0 });

export function emptyCounts(): Counts {
  return {
    articles: 0,
    agreementsLenient: prf(),
    agreementsStrict: prf(),
    partyCodes: prf(),
    type: acc(),
    status: acc(),
    date: acc(),
    agreementSectors: prf(),
    signatories: prf(),
    people: prf(),
    roles: acc(),
    articleSectors: prf(),
    publishedOn: acc(),
    language: acc(),
  };
}

function tally(a: Accuracy, ok: boolean): void {
  a.total++;
  if (ok) a.correct++;
}

const describe = (parties: readonly { name: string; code: string | null }[]) => parties.map((p) => p.code ?? p.name).join(" + ");

/** Scores one predicted article against its gold record. */
export function scoreArticle(pred: Article, gold: GoldArticle): { counts: Counts; misses: string[] } {
  const c = emptyCounts();
  const misses: string[] = [];
  c.articles = 1;
  tally(c.language, pred.language.code === gold.language);
  if (pred.language.code !== gold.language) misses.push(`language: ${pred.language.code}, expected ${gold.language}`);
  if (gold.status === "skipped") {
    if (pred.status !== "skipped") misses.push(`status: ${pred.status}, expected skipped`);
    return { counts: c, misses };
  }
  const gp = gold.publishedOn?.value ?? null;
  const pp = pred.publishedOn?.value ?? null;
  tally(c.publishedOn, gp === pp);
  if (gp !== pp) misses.push(`publishedOn: ${pp}, expected ${gp}`);

  // Agreements: a pair matches (leniently) when every foreign party of the gold record is a party of the prediction.
  const foreign = (g: GoldAgreement) => {
    const f = g.parties.filter((p) => p.country !== "FR");
    return f.length ? f : g.parties;
  };
  const lenient = (p: Agreement, g: GoldAgreement) => foreign(g).every((gp) => p.parties.some((pp) => partiesMatch(pp, gp)));
  const score = (p: Agreement, g: GoldAgreement) =>
    g.parties.filter((gp) => p.parties.some((pp) => partiesMatch(pp, gp))).length - 0.5 * Math.abs(p.parties.length - g.parties.length) + (p.type === g.type ? 0.5 : 0) + ((p.date?.value ?? null) === (g.date?.value ?? null) ? 0.3 : 0);
  const candidates: [number, number, number][] = [];
  pred.agreements.forEach((p, i) => gold.agreements.forEach((g, j) => lenient(p, g) && candidates.push([i, j, score(p, g)])));
  candidates.sort((a, b) => b[2] - a[2] || a[0] - b[0] || a[1] - b[1]);
  const usedP = new Set<number>();
  const usedG = new Set<number>();
  const pairs: [Agreement, GoldAgreement][] = [];
  for (const [i, j] of candidates) {
    if (usedP.has(i) || usedG.has(j)) continue;
    usedP.add(i);
    usedG.add(j);
    pairs.push([pred.agreements[i]!, gold.agreements[j]!]);
  }
  c.agreementsLenient = { tp: pairs.length, fp: pred.agreements.length - pairs.length, fn: gold.agreements.length - pairs.length };
  gold.agreements.forEach((g, j) => usedG.has(j) || misses.push(`missed agreement: ${g.type} ${g.status} ${describe(g.parties)}`));
  pred.agreements.forEach((p, i) => usedP.has(i) || misses.push(`spurious agreement: ${p.type} ${p.status} ${describe(p.parties)}`));
  let strict = 0;
  for (const [p, g] of pairs) {
    const label = `agreement ${describe(g.parties)}`;
    const partySet = compareSets(p.parties, g.parties, partiesMatch);
    if (partySet.fn === 0 && partySet.fp === 0) strict++;
    else misses.push(`${label}: parties ${describe(p.parties)}, expected ${describe(g.parties)}`);
    tally(c.type, p.type === g.type);
    if (p.type !== g.type) misses.push(`${label}: type ${p.type}, expected ${g.type}`);
    tally(c.status, p.status === g.status);
    if (p.status !== g.status) misses.push(`${label}: status ${p.status}, expected ${g.status}`);
    const pd = p.date?.value ?? null;
    const gd = g.date?.value ?? null;
    tally(c.date, pd === gd);
    if (pd !== gd) misses.push(`${label}: date ${pd}, expected ${gd}`);
    const sec = compareSets(p.sectors, g.sectors, (a, b) => a === b);
    addPrf(c.agreementSectors, sec);
    if (sec.fn || sec.fp) misses.push(`${label}: sectors missing [${sec.missed.join(", ")}], extra [${sec.spurious.join(", ")}]`);
    const sig = compareSets(p.signatories, g.signatories, peopleMatch);
    addPrf(c.signatories, sig);
    if (sig.fn || sig.fp) misses.push(`${label}: signatories missing [${sig.missed.join(", ")}], extra [${sig.spurious.join(", ")}]`);
  }
  // signatories of unmatched agreements count too
  for (const [i, p] of pred.agreements.entries()) if (!usedP.has(i)) c.signatories.fp += p.signatories.length;
  for (const [j, g] of gold.agreements.entries()) if (!usedG.has(j)) c.signatories.fn += g.signatories.length;
  c.agreementsStrict = { tp: strict, fp: pred.agreements.length - strict, fn: gold.agreements.length - strict };

  const codes = (list: readonly { parties: readonly { code: string | null }[] }[]) => [...new Set(list.flatMap((a) => a.parties.map((p) => p.code).filter((x): x is string => !!x)))];
  const codeSet = compareSets(codes(pred.agreements), codes(gold.agreements), (a, b) => a === b);
  addPrf(c.partyCodes, codeSet);
  if (codeSet.fn || codeSet.fp) misses.push(`party codes missing [${codeSet.missed.join(", ")}], extra [${codeSet.spurious.join(", ")}]`);

  const people = compareSets(pred.people, gold.people, (p, g) => peopleMatch(p.name, g.name));
  addPrf(c.people, people);
  for (const g of people.missed) misses.push(`missed person: ${g.name}`);
  for (const p of people.spurious) misses.push(`spurious person: ${p.name}`);
  for (const [p, g] of people.pairs) {
    if (g.role === null) continue;
    const ok = rolesMatch(p.role, g.role);
    tally(c.roles, ok);
    if (!ok) misses.push(`role of ${g.name}: "${p.role}", expected "${g.role}"`);
  }
  const sectors = compareSets(pred.sectors, gold.sectors, (a, b) => a === b);
  addPrf(c.articleSectors, sectors);
  if (sectors.fn || sectors.fp) misses.push(`article sectors missing [${sectors.missed.join(", ")}], extra [${sectors.spurious.join(", ")}]`);
  return { counts: c, misses };
}

export function addCounts(into: Counts, x: Counts): void {
  for (const key of Object.keys(into) as (keyof Counts)[]) {
    const a = into[key];
    const b = x[key];
    if (typeof a === "number" && typeof b === "number") (into[key] as number) = a + b;
    else if ("tp" in (a as object)) addPrf(a as Prf, b as Prf);
    else {
      (a as Accuracy).correct += (b as Accuracy).correct;
      (a as Accuracy).total += (b as Accuracy).total;
    }
  }
}

export const METRICS: { key: keyof Counts; name: string }[] = [
  { key: "agreementsLenient", name: "agreements (lenient)" },
  { key: "agreementsStrict", name: "agreements (strict)" },
  { key: "partyCodes", name: "party codes" },
  { key: "type", name: "agreement type" },
  { key: "status", name: "agreement status" },
  { key: "date", name: "agreement date" },
  { key: "agreementSectors", name: "agreement sectors" },
  { key: "signatories", name: "signatories" },
  { key: "people", name: "people" },
  { key: "roles", name: "roles" },
  { key: "articleSectors", name: "article sectors" },
  { key: "publishedOn", name: "publication date" },
  { key: "language", name: "language" },
];

export function metrics(c: Counts): Metric[] {
  return METRICS.map(({ key, name }) => {
    const v = c[key];
    if (typeof v === "object" && "tp" in v) {
      const s = scores(v);
      return { name, kind: "prf" as const, ...s, support: v.tp + v.fn };
    }
    const a = v as Accuracy;
    return { name, kind: "accuracy" as const, accuracy: a.total ? a.correct / a.total : 1, support: a.total };
  });
}

export interface Fixture {
  id: string;
  file: string;
  gold: GoldArticle;
}

export function loadFixtures(dir: string): Fixture[] {
  const articles = join(dir, "articles");
  const out: Fixture[] = [];
  for (const f of readdirSync(articles).sort()) {
    const id = basename(f, extname(f));
    const gold = GoldArticle.parse(JSON.parse(readFileSync(join(dir, "gold", `${id}.json`), "utf8")));
    out.push({ id, file: join(articles, f), gold });
  }
  return out;
}

export function evaluate(fixtures: readonly Fixture[], rt: Runtime): EvalReport {
  const totals = { dev: emptyCounts(), test: emptyCounts(), all: emptyCounts() };
  const articles: ArticleResult[] = [];
  for (const fx of fixtures) {
    let pred: Article;
    try {
      const doc = processArticle(basename(fx.file), readFileSync(fx.file), rt);
      pred = doc.record!;
    } catch (e) {
      articles.push({ id: fx.id, split: fx.gold.split, misses: [`pipeline failed: ${(e as Error).message}`], counts: emptyCounts() });
      continue;
    }
    const { counts, misses } = scoreArticle(pred, fx.gold);
    addCounts(totals[fx.gold.split], counts);
    addCounts(totals.all, counts);
    articles.push({ id: fx.id, split: fx.gold.split, misses, counts });
  }
  const split = (c: Counts) => ({ articles: c.articles, metrics: metrics(c) });
  return { splits: { dev: split(totals.dev), test: split(totals.test), all: split(totals.all) }, articles };
}

/** The figures the accuracy gate holds, by name. */
export function headline(report: EvalReport, which: "dev" | "test" | "all"): Record<string, number> {
  const m = new Map(report.splits[which].metrics.map((x) => [x.name, x]));
  const f1 = (n: string) => m.get(n)?.f1 ?? 0;
  const ac = (n: string) => m.get(n)?.accuracy ?? 0;
  return {
    agreementsF1: f1("agreements (lenient)"),
    agreementsStrictF1: f1("agreements (strict)"),
    partyCodesF1: f1("party codes"),
    typeAccuracy: ac("agreement type"),
    statusAccuracy: ac("agreement status"),
    dateAccuracy: ac("agreement date"),
    agreementSectorsF1: f1("agreement sectors"),
    signatoriesF1: f1("signatories"),
    peopleF1: f1("people"),
    rolesAccuracy: ac("roles"),
    articleSectorsF1: f1("article sectors"),
    publishedOnAccuracy: ac("publication date"),
    languageAccuracy: ac("language"),
  };
}
