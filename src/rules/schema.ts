/**
 * Schema of the rule files in `rules/*.yaml`. A file holds up to three sections:
 * `lexicons` (word lists), `maps` (word → value) and `rules` (patterns that refer
 * to lexicons and maps by name). Lexicon and map names are global across files.
 */
import { z } from "zod";
import { AGREEMENT_STATUSES, AGREEMENT_TYPES, PARTY_KINDS, SECTORS } from "../schema/record.js";

export const RULE_ID = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/;

const Example = z.strictObject({
  /** the phrase, inside a sentence */
  text: z.string().min(1),
  /** the text the rule must match (whole match, or the `name` group for name rules) */
  match: z.string().min(1).optional(),
  /** the normalised value the rule must give (per family: an ISO date, a code, a sector...) */
  value: z.union([z.string(), z.number()]).optional(),
  /** reference (publication) date for relative expressions, YYYY-MM-DD */
  ref: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
});
export type RuleExample = z.infer<typeof Example>;

const base = {
  id: z.string().regex(RULE_ID, "rule ids are dotted lower-case words, e.g. date.day_month_year"),
  pattern: z.string().min(1),
  /** `insensitive` (default) adds the i flag; `{NAME}` needs `sensitive` */
  case: z.enum(["sensitive", "insensitive"]).default("insensitive"),
  description: z.string().optional(),
  examples: z.array(Example).default([]),
  /** phrases the rule must not match */
  counterExamples: z.array(z.string().min(1)).default([]),
  /**
   * words one of which every match contains (lower case): the rule is only tried on the
   * sentences that hold one of them — a cheap first pass before the regular expression.
   * Each starts with a letter, and counts at the start of a word ("mai" not in "domaine").
   */
  requires: z.array(z.string().regex(/^\p{L}/u, "a required word starts with a letter")).optional(),
};

const DateFields = z
  .strictObject({
    deictic: z.enum(["today", "yesterday", "tomorrow", "day_before_yesterday"]).optional(),
    part: z.enum(["early", "mid", "late"]).optional(),
    /** a week relative to the publication date: 0 this week, -1 last week, 1 next week */
    weekShift: z.number().int().min(-1).max(1).optional(),
    /** a month relative to the publication date's: 0 its month ("du mois"), moved by the rule's "prochain"/"dernier" */
    monthShift: z.number().int().min(-1).max(1).optional(),
    /** a year relative to the publication date: 0 this year, 1 next year, -1 last year */
    yearShift: z.number().int().min(-5).max(5).optional(),
    /**
     * "end": the end of a validity ("jusqu'en 2028"), not the date of an event: the rule
     * claims the words (no other date rule reads them) and gives no date
     */
    bound: z.literal("end").optional(),
    /** a day relative to the last day-precise date the text gave before it: 1 "le lendemain", -1 "la veille" */
    dayShift: z.number().int().min(-1).max(1).optional(),
  })
  .optional();

export const Rule = z.discriminatedUnion("family", [
  /** a date; named groups: day, month, year, weekday, season, rel (dernier/prochain), part */
  z.strictObject({ ...base, family: z.literal("date"), set: DateFields }),
  /** a range of dates; groups day1, month1, year1, day2, month2, year2 */
  z.strictObject({ ...base, family: z.literal("date_range") }),
  /** a duration; groups num, unit */
  z.strictObject({ ...base, family: z.literal("duration") }),
  /** a stated period; groups from, to (years) */
  z.strictObject({ ...base, family: z.literal("period") }),
  /**
   * a publication-date line at the top of an article; date groups as in `date`. `lines`: how
   * many lines from the top it may be found (a "Publié le" cue holds below a web page's menu)
   */
  z.strictObject({
    ...base,
    family: z.literal("dateline"),
    lines: z.number().int().min(1).max(100).default(5),
    /** the coarsest date it gives: a magazine's issue gives a month ("N° 112 – Octobre 2025") */
    precision: z.enum(["day", "month"]).default("day"),
  }),
  /** a word that names an agreement, and its type */
  /**
   * `anaphoric`: a bare head ("la feuille de route") that names an agreement only as a later,
   * definite mention of one of its type already named; it never starts a record
   */
  z.strictObject({ ...base, family: z.literal("agreement"), type: z.enum(AGREEMENT_TYPES), priority: z.number().int().default(0), anaphoric: z.boolean().default(false) }),
  /** a context where an agreement word is no agreement; `denies`: one that says no agreement exists ("Aucune convention") */
  z.strictObject({ ...base, family: z.literal("not_agreement"), denies: z.boolean().optional() }),
  /** a cue of an agreement's status */
  z.strictObject({ ...base, family: z.literal("status"), status: z.enum(AGREEMENT_STATUSES), weight: z.number().default(1) }),
  /** a party named after a trigger ("la Province du Zhejiang"); group `name` */
  z.strictObject({
    ...base,
    family: z.literal("party"),
    kind: z.enum(PARTY_KINDS),
    /** where the name is looked up: French divisions, foreign ones, or both */
    scope: z.enum(["fr", "foreign", "any"]).default("any"),
    /** the country of a party the reference data does not know (a French intercommunality is French) */
    country: z.string().regex(/^[A-Z]{2}$/).optional(),
    /** the name is a body's own, kept as written and never looked up (a métropole named after a city is not that city) */
    whole: z.boolean().optional(),
  }),
  /** an organisation: group `head` (the word that gives the kind) and optionally `name` */
  z.strictObject({ ...base, family: z.literal("org"), kind: z.enum(PARTY_KINDS) }),
  /** a cue that a person is named; group `name` */
  z.strictObject({ ...base, family: z.literal("person") }),
  /** a word of a sector */
  z.strictObject({ ...base, family: z.literal("sector"), sector: z.enum(SECTORS) }),
  /** a phrase that introduces the domains of an agreement ("dans les domaines", "tels que") */
  z.strictObject({ ...base, family: z.literal("domain_intro") }),
  /**
   * a phrase naming the people who sign: the names are in its `names` group ("signé par ..."),
   * or, with `names: before`, in the clause before it ("X et Y ont signé")
   */
  z.strictObject({ ...base, family: z.literal("signing"), names: z.enum(["group", "before"]).default("group") }),
]);
export type Rule = z.infer<typeof Rule>;
export type RuleFamily = Rule["family"];

const Name = z.string().regex(/^[a-z][a-z0-9_]*$/, "lexicon and map names are lower-case words");

export const RuleFile = z.strictObject({
  description: z.string().optional(),
  lexicons: z.record(Name, z.array(z.string().min(1)).min(1)).default({}),
  maps: z.record(Name, z.record(z.string().min(1), z.union([z.string(), z.number()]))).default({}),
  rules: z.array(Rule).default([]),
});
export type RuleFile = z.infer<typeof RuleFile>;
