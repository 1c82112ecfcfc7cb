/**
 * Stage 5, extract: the extractors, in the order they run. Each reads the text and
 * what the extractors before it found, and adds its mentions to the document.
 */
import type { Doc, Range, Temporal } from "../pipeline/doc.js";
import type { Runtime } from "../pipeline/env.js";
import { refFromValue } from "../extract/dates.js";
import type { Person } from "../extract/people.js";
import { ScanContext } from "../extract/engine.js";
import { isNavigation } from "./segment.js";
import { alternation } from "../rules/compile.js";

export interface ExtractContext {
  people: Person[];
  /** the text prepared for gated scanning, built once per article */
  scan?: ScanContext;
}

export interface Extractor {
  id: string;
  run(doc: Doc, rt: Runtime, ctx: ExtractContext): void;
}

export const EXTRACTORS: Extractor[] = [
  { id: "scan_context", run: (doc, rt, ctx) => (ctx.scan = new ScanContext(doc.text, doc.sentences, rt.rules.gate)) },
  { id: "publication", run: publication },
  { id: "title", run: title },
  { id: "dates", run: (doc, rt, ctx) => (doc.mentions.dates = rt.dates.extract(doc.text, doc.sentences, refFromValue(doc.publishedOn?.value), ctx.scan)) },
  { id: "places", run: (doc, rt, ctx) => (doc.mentions.places = rt.places.extract(doc.text, doc.tokens, datelineRange(doc), ctx.scan)) },
  { id: "orgs", run: (doc, rt, ctx) => (doc.mentions.orgs = rt.orgs.extract(doc.text, doc.tokens, doc.mentions.places, ctx.scan)) },
  { id: "people", run: people },
  { id: "sectors", run: sectors },
  { id: "agreements", run: agreements },
];

/** Publication date: the front matter's `date`, else a dateline among the first lines. */
function publication(doc: Doc, rt: Runtime): void {
  const fm = doc.frontMatter?.date;
  if (fm) {
    const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(fm.text);
    const t: Temporal | null = iso
      ? { kind: "date", start: fm.start, end: fm.start + 10, text: iso[0], rule: "publication.front_matter", value: iso[0], precision: "day", inferred: false }
      : rt.dates.readDate(fm.text, fm.start, "date");
    if (t) {
      doc.publishedOn = { ...t, rule: "publication.front_matter" };
      doc.publishedOnInRaw = true;
      return;
    }
    doc.warnings.push(`front matter date "${fm.text}" is not a date: ignored`);
  }
  const reach = rt.dates.datelineReach;
  for (let i = 0; i < doc.sentences.length && i < reach; i++) {
    const s = doc.sentences[i]!;
    const line = doc.text.slice(s.start, s.end);
    const t = rt.dates.readDate(line, s.start, "dateline", i);
    if (t) {
      const { whole, ...date } = t;
      doc.publishedOn = date;
      doc.publishedOnInRaw = false;
      doc.dateline = whole;
      return;
    }
  }
}

function datelineRange(doc: Doc): Range[] {
  return doc.dateline ? [doc.dateline] : [];
}

const chrome = new WeakMap<object, RegExp>();
function chromeOf(rt: Runtime): RegExp {
  let re = chrome.get(rt.rules);
  if (!re) chrome.set(rt.rules, (re = new RegExp(`^(?:${alternation(rt.rules.lexicon("page_chrome"))})(?:(?<!\\p{L})|(?!\\p{L}))`, "iu")));
  return re;
}

/** how many lines (sentences) from the top a title is looked for */
const TITLE_WITHIN = 12;

/** Title: the front matter's, else the longest heading above the text. */
function title(doc: Doc, rt: Runtime): void {
  const fm = doc.frontMatter?.title;
  if (fm) {
    doc.title = { text: fm, range: null, rule: "title.front_matter" };
    return;
  }
  // the headings above the first paragraph of text (a web page's menus, breadcrumb and share
  // bar, the issuer's name, "Communiqué de presse", the dateline left out): the longest
  let best: Range | null = null;
  for (const s of doc.sentences.slice(0, TITLE_WITHIN)) {
    if (doc.dateline && s.start <= doc.dateline.start && s.end >= doc.dateline.end) continue;
    if (s.kind === "text") break;
    if (s.kind !== "heading") continue;
    const text = doc.text.slice(s.start, s.end).trim();
    // not a menu, a kicker ("TARN | GAILLAC"), a caption or a credit
    if (text.length < 8 || isNavigation(text) || text.includes("|") || chromeOf(rt).test(text)) continue;
    const start = s.start + doc.text.slice(s.start, s.end).search(/\S/);
    if (!best || text.length > best.end - best.start) best = { start, end: start + text.length };
  }
  if (best) doc.title = { text: doc.text.slice(best.start, best.end), range: best, rule: "title.longest_heading" };
}

/** People, and what they make of places and organisations inside their names. */
function people(doc: Doc, rt: Runtime, ctx: ExtractContext): void {
  const m = doc.mentions;
  ctx.people = rt.people.extract(doc.text, doc.sentences, m.places, m.orgs, ctx.scan, doc.tokens);
  m.people = ctx.people.flatMap((p) => p.mentions.map((x) => ({ ...x, name: p.name })));
  const names = m.people;
  const insideName = (r: Range) => names.some((n) => r.start < n.end && n.start < r.end);
  m.places = m.places.filter((p) => !insideName(p));
  m.orgs = m.orgs.filter((o) => !insideName(o));
}

/** Sector words, outside people's names and titles and organisations' names. */
function sectors(doc: Doc, rt: Runtime, ctx: ExtractContext): void {
  const m = doc.mentions;
  const excluded: Range[] = [
    ...m.people,
    ...ctx.people.flatMap((p) => p.mentions.flatMap((x) => (x.role ? [{ start: x.role.start, end: x.role.end }] : []))),
    ...m.orgs.filter((o) => o.rule !== "org.known"),
  ];
  m.sectors = rt.sectors.extract(doc.text, excluded);
}

function agreements(doc: Doc, rt: Runtime, ctx: ExtractContext): void {
  const a = rt.agreements.extract(doc.text, doc.sentences, ctx.scan);
  doc.mentions.agreementWords = a.words;
  doc.mentions.statusCues = a.statusCues;
  doc.mentions.domainIntros = a.domainIntros;
  doc.mentions.signings = a.signings;
  doc.mentions.denials = a.denials;
}
