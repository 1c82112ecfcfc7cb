/**
 * The engine owns scanning, absolute offsets and overlaps: extractors give it
 * compiled rules and get back matches with their groups' offsets.
 */
import type { CompiledRule } from "../rules/load.js";
import { isLetterAt, nextAtWordStart, startsWord } from "../rules/compile.js";
import type { Match, Range, Sentence } from "../pipeline/doc.js";

export interface RuleMatch<R extends CompiledRule = CompiledRule> extends Match {
  compiled: R;
  text: string;
}

/** Every match of every rule over `text` (or over `[from, to)`), in text order. */
export function scan<R extends CompiledRule>(rules: readonly R[], text: string, from = 0, to = text.length): RuleMatch<R>[] {
  const out: RuleMatch<R>[] = [];
  for (const rule of rules) {
    const re = rule.re as RegExp & { wordStart?: boolean };
    re.lastIndex = from;
    for (let m = re.exec(text); m && m.index < to; m = re.exec(text)) {
      if (m[0].length === 0 || (re.wordStart && !startsWord(text, m.index))) {
        // not at a word start: look again from the next character
        re.lastIndex = m.index + 1;
        continue;
      }
      const groups: Record<string, Range | undefined> = {};
      const indices = m.indices?.groups;
      if (indices) {
        for (const name in indices) {
          const span = indices[name];
          if (span) groups[name] = { start: span[0], end: span[1] };
        }
      }
      out.push({ rule: rule.id, start: m.index, end: m.index + m[0].length, groups, compiled: rule, text: m[0] });
    }
  }
  return out.sort((a, b) => a.start - b.start || b.end - a.end);
}

/**
 * Keeps a set of non-overlapping items: the best first by `better` (by default the
 * longest, then the earliest), then anything that does not overlap what was kept.
 */
export function dropOverlaps<T extends Range>(items: readonly T[], better: (a: T, b: T) => number = longestFirst): T[] {
  if (items.length < 2) return [...items];
  const ranked = [...items].sort(better);
  const taken = new Coverage(Math.max(...items.map((i) => i.end)));
  const kept: T[] = [];
  for (const item of ranked) {
    if (!taken.any(item.start, item.end)) {
      kept.push(item);
      taken.mark(item.start, item.end);
    }
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** Which characters of a text are taken: marking and testing cost the length of the range. */
export class Coverage {
  private readonly bits: Uint8Array;
  constructor(length: number) {
    this.bits = new Uint8Array(length + 1);
  }
  mark(start: number, end: number): void {
    this.bits.fill(1, start, end);
  }
  /** some character of [start, end) is taken */
  any(start: number, end: number): boolean {
    for (let i = start; i < end; i++) if (this.bits[i]) return true;
    return false;
  }
  /** every character of [start, end) is taken */
  all(start: number, end: number): boolean {
    for (let i = start; i < end; i++) if (!this.bits[i]) return false;
    return end > start;
  }
}

export function longestFirst(a: Range, b: Range): number {
  return b.end - b.start - (a.end - a.start) || a.start - b.start;
}

export function overlaps(a: Range, b: Range): boolean {
  return a.start < b.end && b.start < a.end;
}

export function inside(inner: Range, outer: Range): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}

export function groupText(text: string, g: Range | undefined): string | undefined {
  return g ? text.slice(g.start, g.end) : undefined;
}

/** Matches of `rules` inside each range only (bounded windows), offsets absolute. */
export function scanIn<R extends CompiledRule>(rules: readonly R[], text: string, ranges: readonly Range[]): RuleMatch<R>[] {
  const out: RuleMatch<R>[] = [];
  for (const r of ranges) {
    const part = text.slice(r.start, r.end);
    for (const m of scan(rules, part)) {
      const groups: Record<string, Range | undefined> = {};
      for (const [k, g] of Object.entries(m.groups)) groups[k] = g ? { start: g.start + r.start, end: g.end + r.start } : undefined;
      out.push({ ...m, start: m.start + r.start, end: m.end + r.start, groups });
    }
  }
  return out;
}

/** Items (sorted by start) that lie inside [start, end): a binary search, then a walk. */
export function within<T extends Range>(sorted: readonly T[], start: number, end: number): T[] {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]!.start < start) lo = mid + 1;
    else hi = mid;
  }
  const out: T[] = [];
  for (let i = lo; i < sorted.length && sorted[i]!.start < end; i++) if (sorted[i]!.end <= end) out.push(sorted[i]!);
  return out;
}

/**
 * The text of one document prepared for gated scanning: a rule with `requires` is
 * tried only on the sentences that hold one of its words.
 */
export class ScanContext {
  private hits: Map<string, Set<number>> | undefined;
  constructor(
    readonly text: string,
    readonly sentences: readonly Sentence[],
    /** the `requires` words of the rule set, sticky (flag y) */
    private readonly gate: RegExp | null = null,
  ) {}

  /** where each `requires` word of the rule set occurs: one pass of one regular expression */
  private sentencesWith(word: string, gate: RegExp): ReadonlySet<number> {
    if (!this.hits) {
      this.hits = new Map();
      // the words start with letters and count at word starts only ("mai" not in "domaine")
      for (let m = nextAtWordStart(gate, this.text, 0, isLetterAt); m; m = nextAtWordStart(gate, this.text, m.index + 1, isLetterAt)) {
        // (the next search starts one character on: overlapping words are all found)
        const w = m[0].toLowerCase().replace(/\s+/g, " ");
        const si = sentenceIndex(this.sentences, m.index);
        if (si < 0) continue;
        let set = this.hits.get(w);
        if (!set) this.hits.set(w, (set = new Set()));
        set.add(si);
      }
    }
    return this.hits.get(word) ?? EMPTY;
  }

  /** the sentences (merged into ranges) where a rule can match, or null for the whole text */
  rangesFor(rule: CompiledRule): Range[] | null {
    const gate = this.gate;
    if (!rule.requires || !gate || this.sentences.length === 0) return null;
    const hit = new Set<number>();
    for (const w of rule.requires) for (const si of this.sentencesWith(w.toLowerCase().replace(/\s+/g, " "), gate)) hit.add(si);
    const ranges: Range[] = [];
    for (const si of [...hit].sort((a, b) => a - b)) {
      const s = this.sentences[si]!;
      const last = ranges[ranges.length - 1];
      if (last && last.end >= s.start - 1) last.end = s.end;
      else ranges.push({ start: s.start, end: s.end });
    }
    return ranges;
  }

  scan<R extends CompiledRule>(rules: readonly R[]): RuleMatch<R>[] {
    const out: RuleMatch<R>[] = [];
    for (const rule of rules) {
      const ranges = this.rangesFor(rule);
      out.push(...(ranges ? scanIn([rule], this.text, ranges) : scan([rule], this.text)));
    }
    return out.sort((a, b) => a.start - b.start || b.end - a.end);
  }
}

const EMPTY: ReadonlySet<number> = new Set();

function sentenceIndex(sentences: readonly Sentence[], offset: number): number {
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = sentences[mid]!;
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * The next match of a global regex that starts a word. Patterns are written without a
 * leading look-behind (V8 then tries them at every position, about ten times slower);
 * the word start is checked here.
 */
const ELIDED = /(?:^|[^\p{L}\p{N}])[dDlL]'$/u;

export function execWord(re: RegExp, text: string, extra?: RegExp): RegExpExecArray | null {
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const prev = m.index > 0 ? text[m.index - 1]! : "";
    // an elided article or preposition is not part of the word: "d'Iñaki", "l'Essonne"
    if (prev && (WORD_CHAR.test(prev) || (extra && extra.test(prev) && !(prev === "'" && ELIDED.test(text.slice(Math.max(0, m.index - 3), m.index)))))) {
      re.lastIndex = m.index + 1;
      continue;
    }
    return m;
  }
  return null;
}

/** Whether some match of `re` (global) starts a word of `text`. */
export function hasWord(re: RegExp, text: string): boolean {
  re.lastIndex = 0;
  return execWord(re, text) !== null;
}
