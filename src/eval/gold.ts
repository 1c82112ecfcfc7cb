/**
 * Gold records: what a human settled by reading an article. Same shape as the
 * record contract, without spans, ids or confidences (see docs/annotation-guide.md).
 */
import { z } from "zod";
import { AGREEMENT_STATUSES, AGREEMENT_TYPES, PARTY_KINDS, PRECISIONS, SECTORS } from "../schema/record.js";

const DATE_VALUE = /^(\d{4}|XXXX)(-(\d{2}|SP|SU|FA|WI)(-\d{2})?)?$/;

export const GoldDate = z.strictObject({
  value: z.string().regex(DATE_VALUE),
  precision: z.enum(PRECISIONS),
  /** informative only: whether the year (or day) comes from the publication date */
  inferred: z.boolean().optional(),
});
export type GoldDate = z.infer<typeof GoldDate>;

export const GoldParty = z.strictObject({
  name: z.string().min(1),
  kind: z.enum(PARTY_KINDS),
  country: z.string().regex(/^[A-Z]{2}$/).nullable(),
  code: z
    .string()
    .regex(/^([A-Z]{2}-[A-Z0-9]{1,3}|INSEE:\d[0-9AB]\d{3})$/)
    .nullable(),
});
export type GoldParty = z.infer<typeof GoldParty>;

export const GoldAgreement = z.strictObject({
  type: z.enum(AGREEMENT_TYPES),
  status: z.enum(AGREEMENT_STATUSES),
  parties: z.array(GoldParty).min(1),
  date: GoldDate.nullable(),
  period: z.strictObject({ from: z.string().regex(DATE_VALUE), to: z.string().regex(DATE_VALUE) }).nullable().optional(),
  durationYears: z.number().positive().nullable().optional(),
  place: z.string().nullable().optional(),
  sectors: z.array(z.enum(SECTORS)),
  signatories: z.array(z.string().min(1)),
});
export type GoldAgreement = z.infer<typeof GoldAgreement>;

export const GoldPerson = z.strictObject({
  name: z.string().min(1),
  role: z.string().min(1).nullable(),
  organization: z.string().min(1).nullable().optional(),
});
export type GoldPerson = z.infer<typeof GoldPerson>;

export const GoldArticle = z
  .strictObject({
    id: z.string().min(1),
    split: z.enum(["dev", "test"]),
    status: z.enum(["extracted", "skipped"]),
    language: z.string().regex(/^[a-z]{3}$/),
    publishedOn: GoldDate.nullable(),
    agreements: z.array(GoldAgreement),
    people: z.array(GoldPerson),
    sectors: z.array(z.enum(SECTORS)),
    notes: z.string().optional(),
  })
  .superRefine((g, ctx) => {
    const names = new Set(g.people.map((p) => p.name));
    g.agreements.forEach((a, i) => {
      for (const s of a.signatories) {
        if (!names.has(s)) ctx.addIssue({ code: "custom", path: ["agreements", i, "signatories"], message: `signatory ${s} is not in people` });
      }
    });
    if (g.status === "skipped" && (g.agreements.length || g.people.length)) {
      ctx.addIssue({ code: "custom", path: ["status"], message: "a skipped article has no agreements or people" });
    }
    if ((g.language === "fra") !== (g.status === "extracted")) {
      ctx.addIssue({ code: "custom", path: ["status"], message: "French articles are extracted, others skipped" });
    }
  });
export type GoldArticle = z.infer<typeof GoldArticle>;
