/**
 * The engine owns scanning, absolute offsets and overlaps: extractors give it
 * compiled rules and get back matches with their groups' offsets.
 */
import type { CompiledRule } from "../rules/load.js";
import type { Match, Range } from "../pipeline/doc.js";

export interface RuleMatch<R extends CompiledRule = CompiledRule> extends Match {
  compiled: R;
  text: string;
}

/** Every match of every rule over `text` (or over `[from, to)`), in text order. */
export function scan<R extends CompiledRule>(rules: readonly R[], text: string, from = 0, to = text.length): RuleMatch<R>[] {
  const out: RuleMatch<R>[] = [];
  for (const rule of rules) {
    const re = rule.re;
    re.lastIndex = from;
    for (let m = re.exec(text); m && m.index < to; m = re.exec(text)) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      const groups: Record<string, Range | undefined> = {};
      const indices = m.indices?.groups;
      if (indices) {
        for (const [name, span] of Object.entries(indices)) groups[name] = span ? { start: span[0], end: span[1] } : undefined;
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
  const ranked = [...items].sort(better);
  const kept: T[] = [];
  for (const item of ranked) {
    if (!kept.some((k) => overlaps(k, item))) kept.push(item);
  }
  return kept.sort((a, b) => a.start - b.start);
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
