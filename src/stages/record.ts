/**
 * Stage 7, record and validate: the linked values become the article record of
 * the contract, with spans mapped back into the decoded source text, and a trace
 * of the rule behind each value. The record is checked against the Zod schema.
 */
import { Article, SCHEMA_VERSION, type Agreement, type DateValue, type Party, type Person as PersonRecord } from "../schema/record.js";
import type { Doc, Range, Temporal, TraceEntry } from "../pipeline/doc.js";
import type { LinkResult, LinkedAgreement } from "./link.js";
import type { Person } from "../extract/people.js";

export class InvalidRecord extends Error {
  constructor(
    readonly articleId: string,
    readonly issues: string[],
  ) {
    super(`record of ${articleId} does not match the schema: ${issues.join("; ")}`);
    this.name = "InvalidRecord";
  }
}

export function buildRecord(doc: Doc, linked: LinkResult | null, people: readonly Person[]): { article: Article; trace: TraceEntry[] } {
  const trace: TraceEntry[] = [];
  const span = (r: Range) => (doc.norm ? doc.norm.toSource(r.start, r.end) : { start: r.start, end: r.end });
  const sourceText = (s: Range) => doc.raw.slice(s.start, s.end);
  const note = (path: string, value: unknown, rule: string, r: Range | null, inRaw = false, inferred?: boolean) => {
    const s = r ? (inRaw ? r : span(r)) : null;
    trace.push({ path, value, rule, span: s, text: s ? sourceText(s) : null, ...(inferred !== undefined ? { inferred } : {}) });
  };

  const dateValue = (t: Temporal | null, inRaw: boolean): DateValue | null => {
    if (!t || t.value === null) return null;
    const s = inRaw ? { start: t.start, end: t.end } : span(t);
    return { value: t.value, precision: t.precision, text: doc.raw.slice(s.start, s.end), span: s, inferred: t.inferred };
  };

  note("language", doc.language.code, "language", null);
  let publishedOn: DateValue | null = null;
  if (doc.publishedOn) {
    publishedOn = dateValue(doc.publishedOn, doc.publishedOnInRaw);
    note("publishedOn", publishedOn?.value ?? null, doc.publishedOn.rule, doc.publishedOn, doc.publishedOnInRaw, false);
  }
  if (doc.title) note("title", doc.title.text, doc.title.rule, doc.title.range);

  const personRecords: PersonRecord[] = people.map((p, i) => {
    note(`people[${i}].name`, p.name, p.mentions[0]!.rule, p.mentions[0]!);
    if (p.role) note(`people[${i}].role`, p.role.text, p.role.rule, p.role);
    if (p.role?.organization) note(`people[${i}].organization`, p.role.organization, p.role.rule, p.role.orgRange);
    return {
      name: p.name,
      role: p.role?.text ?? null,
      organization: p.role?.organization ?? null,
      mentions: uniqueSpans(p.mentions.map(span)),
    };
  });

  const agreements: Agreement[] = (linked?.agreements ?? []).map((a, i) => {
    const path = `agreements[${i}]`;
    note(`${path}.type`, a.type, a.typeRule, a.words[0]!);
    note(`${path}.status`, a.status, a.statusRule, a.statusRange);
    const parties: Party[] = a.parties.map((p, j) => {
      note(`${path}.parties[${j}]`, p.code ?? p.name, p.rule, p.mentions[0] ?? null);
      return { name: p.name, kind: p.kind, country: p.country, code: p.code, mentions: uniqueSpans(p.mentions.map(span)) };
    });
    const date = dateValue(a.date, false);
    if (a.date) note(`${path}.date`, date?.value ?? null, a.date.rule, a.date, false, a.date.inferred);
    if (a.period) note(`${path}.period`, `${a.period.from}/${a.period.to}`, a.period.rule, a.period.range);
    if (a.duration) note(`${path}.durationYears`, a.duration.years, a.duration.rule, a.duration.range);
    if (a.place) note(`${path}.place`, a.place.name, a.place.rule, a.place.range);
    a.sectors.forEach((s, j) => note(`${path}.sectors[${j}]`, s.code, s.rule, s.range));
    a.signatories.forEach((s, j) => note(`${path}.signatories[${j}]`, s.name, "signatory", s.range));
    return {
      id: `${doc.id}#${i + 1}`,
      type: a.type,
      status: a.status,
      parties,
      date,
      period: a.period ? { from: a.period.from, to: a.period.to } : null,
      durationYears: a.duration?.years ?? null,
      place: a.place?.name ?? null,
      sectors: a.sectors.map((s) => s.code),
      signatories: a.signatories.map((s) => s.name),
      evidence: uniqueSpans([...a.evidence, ...a.words].map(span)),
      confidence: confidence(a),
    };
  });
  (linked?.articleSectors ?? []).forEach((s, j) => note(`sectors[${j}]`, s.code, s.rule, s.range));

  const article: Article = {
    schemaVersion: SCHEMA_VERSION,
    id: doc.id,
    source: { path: doc.relPath, sha256: doc.sha256, bytes: doc.bytes.length, encoding: doc.encoding },
    status: doc.status,
    language: doc.language,
    title: doc.title?.text ?? null,
    publishedOn,
    agreements,
    people: personRecords,
    sectors: (linked?.articleSectors ?? []).map((s) => s.code),
    warnings: [...new Set([...doc.warnings, ...(linked?.warnings ?? [])])],
  };
  return { article, trace };
}

/** How much the text settles the agreement: type word, status cue, resolved parties, date. */
export function confidence(a: LinkedAgreement): number {
  let c = 0.35;
  if (a.priority >= 2) c += 0.2;
  else if (a.priority === 1) c += 0.1;
  if (a.statusWeight >= 1) c += 0.2;
  else if (a.statusWeight > 0) c += 0.1;
  const resolved = a.parties.filter((p) => p.code !== null || p.country !== null).length / a.parties.length;
  c += 0.15 * resolved;
  if (a.parties.some((p) => p.host)) c -= 0.05;
  if (a.date) c += 0.1;
  return Math.round(Math.max(0, Math.min(1, c)) * 100) / 100;
}

function uniqueSpans(spans: Range[]): Range[] {
  const seen = new Set<string>();
  const out: Range[] = [];
  for (const s of [...spans].sort((a, b) => a.start - b.start || a.end - b.end)) {
    const k = `${s.start}:${s.end}`;
    if (!seen.has(k)) {
      seen.add(k);
      out.push({ start: s.start, end: s.end });
    }
  }
  return out;
}

/** Checks a record against the contract; throws InvalidRecord with every issue. */
export function validateRecord(article: Article): Article {
  const parsed = Article.safeParse(article);
  if (!parsed.success) {
    throw new InvalidRecord(
      article.id,
      parsed.error.issues.map((i) => `${i.path.join(".") || "(record)"}: ${i.message}`),
    );
  }
  return parsed.data;
}
