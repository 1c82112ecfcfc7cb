/**
 * The record contract, schema version 1. Other tools read these files: change
 * nothing here without bumping `schemaVersion`.
 *
 * Zod is used at the edges only: records are validated just before they are
 * written, and `output/schema/article.schema.json` is generated from here.
 */
import { z } from "zod";

export const SCHEMA_VERSION = 1 as const;

export const AGREEMENT_TYPES = [
  "cooperation_agreement",
  "framework_agreement",
  "memorandum_of_understanding",
  "partnership_agreement",
  "declaration_of_intent",
  "twinning",
  "other",
] as const;
export type AgreementType = (typeof AGREEMENT_TYPES)[number];

export const AGREEMENT_STATUSES = ["signed", "planned", "renewed"] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

export const PARTY_KINDS = [
  "region",
  "department",
  "city",
  "state",
  "province",
  "country",
  "university",
  "agency",
  "company",
  "cluster",
  "other",
] as const;
export type PartyKind = (typeof PARTY_KINDS)[number];

export const SECTORS = [
  "economy_trade",
  "research_innovation",
  "digital",
  "cybersecurity",
  "education_training",
  "health",
  "agriculture_food",
  "water_sanitation",
  "energy",
  "environment_climate",
  "transport_mobility",
  "urban_development",
  "tourism",
  "culture_heritage",
  "language_francophonie",
  "youth_sport",
  "industry",
  "governance",
  "solidarity_humanitarian",
] as const;
export type SectorCode = (typeof SECTORS)[number];

export const PRECISIONS = ["day", "month", "season", "year"] as const;
export type Precision = (typeof PRECISIONS)[number];

export const ARTICLE_STATUSES = ["extracted", "skipped", "failed"] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

export const Span = z
  .strictObject({
    start: z.number().int().nonnegative(),
    end: z.number().int().nonnegative(),
  })
  .refine((s) => s.end >= s.start, { message: "span end before start" })
  .describe("Offsets into the decoded source text: text.slice(start, end) is the mention");
export type Span = z.infer<typeof Span>;

/** "2018-11-19", "2018-06", "2017", "2022-SP", "XXXX-12", "XXXX-12-03". */
const DATE_VALUE = /^(\d{4}|XXXX)(-(\d{2}|SP|SU|FA|WI)(-\d{2})?)?$/;

export const DateValue = z
  .strictObject({
    value: z.string().regex(DATE_VALUE, "ISO 8601 date cut at its precision"),
    precision: z.enum(PRECISIONS),
    text: z.string(),
    span: Span,
    inferred: z.boolean().describe("true when part of the value came from the publication date, not the words"),
  })
  .superRefine((d, ctx) => {
    const parts = d.value.split("-");
    const seasonal = /^(SP|SU|FA|WI)$/.test(parts[1] ?? "");
    const expected = { year: 1, month: 2, season: 2, day: 3 }[d.precision];
    if (parts.length !== expected || (d.precision === "season") !== seasonal) {
      ctx.addIssue({ code: "custom", message: `value ${d.value} does not match precision ${d.precision}` });
    }
  });
export type DateValue = z.infer<typeof DateValue>;

export const Sector = z.enum(SECTORS);

const ISO_ALPHA2 = /^[A-Z]{2}$/;

export const Party = z.strictObject({
  name: z.string().min(1),
  kind: z.enum(PARTY_KINDS),
  country: z.string().regex(ISO_ALPHA2).nullable(),
  code: z
    .string()
    .regex(/^([A-Z]{2}-[A-Z0-9]{1,3}|INSEE:\d[0-9AB]\d{3})$/, "ISO 3166-2 code or INSEE:<commune code>")
    .nullable(),
  mentions: z.array(Span),
});
export type Party = z.infer<typeof Party>;

export const Person = z.strictObject({
  name: z.string().min(1),
  role: z.string().min(1).nullable(),
  organization: z.string().min(1).nullable(),
  mentions: z.array(Span).min(1),
});
export type Person = z.infer<typeof Person>;

export const Period = z.strictObject({ from: z.string().regex(DATE_VALUE), to: z.string().regex(DATE_VALUE) });

export const Agreement = z.strictObject({
  id: z.string().min(1),
  type: z.enum(AGREEMENT_TYPES),
  status: z.enum(AGREEMENT_STATUSES),
  parties: z.array(Party).min(1),
  date: DateValue.nullable(),
  period: Period.nullable(),
  durationYears: z.number().positive().nullable(),
  place: z.string().min(1).nullable(),
  sectors: z.array(Sector),
  signatories: z.array(z.string().min(1)),
  evidence: z.array(Span).min(1),
  confidence: z.number().min(0).max(1),
});
export type Agreement = z.infer<typeof Agreement>;

export const Article = z
  .strictObject({
    schemaVersion: z.literal(SCHEMA_VERSION),
    id: z.string().min(1),
    source: z.strictObject({
      path: z.string().min(1),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
      bytes: z.number().int().nonnegative(),
      encoding: z.string().min(1),
    }),
    status: z.enum(ARTICLE_STATUSES),
    language: z.strictObject({
      code: z.string().regex(/^([a-z]{3})$/, "ISO 639-3 code or und"),
      confidence: z.number().min(0).max(1),
    }),
    title: z.string().nullable(),
    publishedOn: DateValue.nullable(),
    agreements: z.array(Agreement),
    people: z.array(Person),
    sectors: z.array(Sector),
    warnings: z.array(z.string()),
    error: z.string().optional(),
  })
  .superRefine((a, ctx) => {
    const names = new Set(a.people.map((p) => p.name));
    a.agreements.forEach((ag, i) => {
      for (const s of ag.signatories) {
        if (!names.has(s)) {
          ctx.addIssue({ code: "custom", path: ["agreements", i, "signatories"], message: `signatory ${s} is not in people` });
        }
      }
    });
    if (a.status === "failed" && !a.error) {
      ctx.addIssue({ code: "custom", path: ["error"], message: "a failed article carries its error" });
    }
  });
export type Article = z.infer<typeof Article>;
