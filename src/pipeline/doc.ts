/**
 * The state of one article as it goes through the stages. Each stage reads what
 * earlier stages filled in and adds its own part; nothing here is validated (Zod
 * runs at the edges: rules at load, the record before it is written).
 */
import type { Article, Precision, SectorCode, PartyKind, AgreementType, AgreementStatus } from "../schema/record.js";
import type { OffsetText } from "../text/offset-text.js";
import type { RuleSet } from "../rules/load.js";
import type { Gazetteer } from "../reference/gazetteer.js";

export interface Env {
  rules: RuleSet;
  gazetteer: Gazetteer;
}

export interface FrontMatter {
  title?: string;
  date?: { text: string; start: number; end: number };
  url?: string;
  source?: string;
}

/** Offsets are into the normalised text `doc.text` unless said otherwise. */
export interface Range {
  start: number;
  end: number;
}

export type ParagraphKind = "text" | "heading" | "bullet" | "footnote";

export interface Sentence extends Range {
  index: number;
  paragraph: number;
  kind: ParagraphKind;
  /** bullets that this sentence introduces ("... tels que :") */
  bullets: number[];
  /** for a bullet: the sentence that introduces it */
  parent: number | null;
}

export interface Token extends Range {
  readonly text: string;
  readonly fold: string;
  /** starts with an upper-case letter */
  readonly cap: boolean;
  /** all upper case, at least two letters */
  readonly upper: boolean;
  /** the text up to the next token is only spaces, a hyphen or an apostrophe (a name may go on) */
  joinsNext: boolean;
}

export interface Temporal extends Range {
  kind: "date" | "range" | "period" | "duration";
  text: string;
  rule: string;
  /** ISO value cut at its precision, null when it cannot be resolved ("ce jour" without publication date) */
  value: string | null;
  precision: Precision;
  inferred: boolean;
  /** for ranges: the end date; for periods: from/to years */
  endValue?: string | null;
  from?: string;
  to?: string;
  /** for durations: in years */
  years?: number;
  warning?: string;
  /** the pieces the words gave (to resolve again in another direction) */
  parts?: object;
}

export interface PlaceMention extends Range {
  /** where the name itself is (without the trigger word) */
  nameStart: number;
  nameEnd: number;
  name: string;
  kind: PartyKind;
  country: string | null;
  code: string | null;
  rule: string;
  /** read after a trigger word ("la province de") rather than from the name alone */
  triggered: boolean;
  /** a location qualifying another mention ("en Arménie" after "la ville d'Erevan"), or a place where something happens ("à Hangzhou") */
  role: "entity" | "qualifier" | "location";
  /** other places of the same name the mention could be (resolved with the article's countries) */
  alternatives?: { name: string; kind: PartyKind; country: string | null; code: string | null }[];
  /** a body's own name, read whole (rule field `whole`): no person's name is inside it */
  whole?: true;
}

export interface OrgMention extends Range {
  /** where a description of it starts ("l'agence de développement ... de la Région Occitanie, AD'OCC") */
  descriptionStart?: number;
  name: string;
  kind: PartyKind;
  country: string | null;
  acronym: string | null;
  rule: string;
}

export interface PersonMention extends Range {
  /** normalised "Prénom Nom" */
  name: string;
  rule: string;
  role: RoleMention | null;
}

export interface RoleMention extends Range {
  text: string;
  organization: string | null;
  orgRange: Range | null;
  rule: string;
}

export interface SectorMention extends Range {
  sector: SectorCode;
  rule: string;
}

export interface AgreementWord extends Range {
  type: AgreementType;
  priority: number;
  /** only a later mention of an agreement of its type already named (rule field `anaphoric`) */
  anaphoric: boolean;
  plural: boolean;
  rule: string;
}

export interface StatusCue extends Range {
  status: AgreementStatus;
  weight: number;
  rule: string;
}

export interface Match extends Range {
  rule: string;
  groups: Record<string, Range | undefined>;
}

export interface Mentions {
  dates: Temporal[];
  places: PlaceMention[];
  orgs: OrgMention[];
  people: PersonMention[];
  sectors: SectorMention[];
  agreementWords: AgreementWord[];
  statusCues: StatusCue[];
  domainIntros: Match[];
  signings: Match[];
  /** where the text says no agreement exists ("Pas de jumelage officiel", "Aucune convention") */
  denials: Range[];
}

export interface TraceEntry {
  /** JSON path of the value in the article record */
  path: string;
  value: unknown;
  rule: string;
  /** span in the decoded source text */
  span: Range | null;
  text: string | null;
  inferred?: boolean;
}

export interface Doc {
  id: string;
  relPath: string;
  bytes: Uint8Array;
  sha256: string;
  encoding: string;
  /** the decoded source text: spans of the record point into it */
  raw: string;
  frontMatter: FrontMatter | null;
  /** where the body starts in `raw` (after the front matter) */
  bodyStart: number;
  /** the normalised body, with its map back into `raw` */
  norm: OffsetText | null;
  text: string;
  language: { code: string; confidence: number };
  status: "extracted" | "skipped" | "failed";
  skipReason: string | null;
  title: { text: string; range: Range | null; rule: string } | null;
  publishedOn: Temporal | null;
  /** the publication date's span is in `raw` (front matter) rather than in `text` */
  publishedOnInRaw: boolean;
  /** the whole dateline ("Rennes, le 4 mars 2024 –"), when the date came from one */
  dateline: Range | null;
  sentences: Sentence[];
  tokens: Token[];
  mentions: Mentions;
  warnings: string[];
  record: Article | null;
  trace: TraceEntry[];
}

export function emptyMentions(): Mentions {
  return { dates: [], places: [], orgs: [], people: [], sectors: [], agreementWords: [], statusCues: [], domainIntros: [], signings: [], denials: [] };
}
