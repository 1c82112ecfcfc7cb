/**
 * Agreement words (with their type), contexts that rule them out, status cues,
 * phrases that introduce domains and phrases that name signatories.
 */
import type { AgreementWord, Env, Match, Sentence, StatusCue } from "../pipeline/doc.js";
import type { CompiledRule } from "../rules/load.js";
import type { Range } from "../pipeline/doc.js";

function mergeRanges(ranges: Range[]): Range[] {
  const out: Range[] = [];
  for (const r of [...ranges].sort((a, b) => a.start - b.start)) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end + 1) last.end = Math.max(last.end, r.end);
    else out.push({ ...r });
  }
  return out;
}
import { dropOverlaps, overlaps, scan, scanIn, type ScanContext } from "./engine.js";

/** signing phrases are looked for only in sentences with one of these words (a cheap first pass) */
const SIGNING_WORDS = /sign|paraph|apposé|renouvel/i;

export interface AgreementScan {
  words: AgreementWord[];
  statusCues: StatusCue[];
  domainIntros: Match[];
  signings: Match[];
  denials: Range[];
}

export class AgreementReader {
  private readonly agreementRules: readonly CompiledRule<"agreement">[];
  private readonly negativeRules: readonly CompiledRule<"not_agreement">[];
  private readonly statusRules: readonly CompiledRule<"status">[];
  private readonly introRules: readonly CompiledRule<"domain_intro">[];
  private readonly signingRules: readonly CompiledRule<"signing">[];

  constructor(env: Env) {
    const r = env.rules;
    this.agreementRules = r.rules("agreement");
    this.negativeRules = r.rules("not_agreement");
    this.statusRules = r.rules("status");
    this.introRules = r.rules("domain_intro");
    this.signingRules = r.rules("signing");
  }

  extract(text: string, sentences: readonly Sentence[], sc?: ScanContext): AgreementScan {
    const run = <R extends CompiledRule>(rules: readonly R[]) => (sc ? sc.scan(rules) : scan(rules, text));
    const found = run(this.agreementRules);
    // status cues, negative contexts and domain introductions matter only in the sentences
    // that name an agreement and the few after them
    const near: Range[] = [];
    for (const m of found) {
      const si = sentences.findIndex((s) => s.start <= m.start && s.end > m.start);
      const last = sentences[Math.min(sentences.length - 1, si + 3)];
      if (si >= 0 && last) near.push({ start: sentences[si]!.start, end: last.end });
    }
    const windows = mergeRanges(near);
    const inWindows = <R extends CompiledRule>(rules: readonly R[]) => (sentences.length ? scanIn(rules, text, windows) : scan(rules, text));
    const negatives = inWindows(this.negativeRules);
    const raw = found.filter((m) => !negatives.some((n) => overlaps(n, m)));
    const words = dropOverlaps(raw, (a, b) => b.compiled.priority - a.compiled.priority || b.end - b.start - (a.end - a.start) || a.start - b.start).map((m) => {
      const head = m.groups.head ?? m.groups.head2 ?? m.groups.head3;
      const headText = head ? text.slice(head.start, head.end) : m.text;
      return {
        start: m.start,
        end: m.end,
        type: m.compiled.type,
        priority: m.compiled.priority,
        anaphoric: m.compiled.anaphoric,
        plural: /[sx]$/i.test(headText.split(/\s+/)[0]!) && !/^(?:mémorandums?|memorandums?)$/i.test(headText) ? true : /^(?:mémoranda|memoranda)$/i.test(headText),
        rule: m.rule,
      };
    });
    const statusCues = dropOverlaps(inWindows(this.statusRules)).map((m) => ({
      start: m.start,
      end: m.end,
      status: m.compiled.status,
      weight: m.compiled.weight,
      rule: m.rule,
    }));
    return {
      words,
      statusCues,
      domainIntros: inWindows(this.introRules),
      signings: this.signings(text, sentences),
      denials: negatives.filter((n) => n.compiled.denies).map((n) => ({ start: n.start, end: n.end })),
    };
  }

  /** Signing phrases; for `names: before` rules, the names are the clause before the verb. */
  private signings(text: string, sentences: readonly Sentence[]): Match[] {
    const candidates = sentences.filter((s) => SIGNING_WORDS.test(text.slice(s.start, s.end)));
    return scanIn(this.signingRules, text, candidates).map((m) => {
      if (m.compiled.names !== "before") return m;
      const s = candidates.find((x) => x.start <= m.start && x.end >= m.end)!;
      const from = Math.max(s.start, m.start - 400);
      const before = text.slice(from, m.start);
      const boundary = Math.max(before.lastIndexOf(";"), before.lastIndexOf(":"), before.lastIndexOf("\n"));
      const start = boundary >= 0 ? from + boundary + 1 : from;
      return { ...m, groups: { ...m.groups, names: { start, end: m.start } } };
    });
  }
}
