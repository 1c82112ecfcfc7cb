/**
 * Sector words (rules/sectors.yaml). The longest match wins where rules overlap;
 * words inside a person's title or an organisation's name do not count.
 *
 * For speed, the case-insensitive rules are joined into one regular expression, tried at
 * word starts only (one pass over the text instead of one per sector); where it
 * matches, each rule is tried again at that very position so that the longest match
 * still wins.
 */
import type { Env, Range, SectorMention } from "../pipeline/doc.js";
import type { CompiledRule } from "../rules/load.js";
import { nextAtWordStart } from "../rules/compile.js";
import { Coverage, dropOverlaps, scan } from "./engine.js";

type SectorRule = CompiledRule<"sector">;

export class SectorReader {
  private readonly rules: readonly SectorRule[];
  /** the rules that cannot be joined (case-sensitive ones, or with named groups) */
  private readonly apart: readonly SectorRule[];
  private readonly joined: RegExp | null;
  private readonly sticky: { rule: SectorRule; re: RegExp }[];

  constructor(env: Env) {
    this.rules = env.rules.rules("sector");
    const joinable = this.rules.filter((r) => r.case === "insensitive" && !/\(\?<[A-Za-z]/.test(r.re.source));
    this.apart = this.rules.filter((r) => !joinable.includes(r));
    this.joined = joinable.length ? new RegExp(joinable.map((r) => `(?:${r.re.source})`).join("|"), "iuy") : null;
    this.sticky = joinable.map((rule) => ({ rule, re: new RegExp(rule.re.source, "iuy") }));
  }

  extract(text: string, excluded: readonly Range[]): SectorMention[] {
    const found: { start: number; end: number; compiled: SectorRule; rule: string }[] = [];
    if (this.joined) {
      const re = this.joined;
      for (let m = nextAtWordStart(re, text, 0); m; m = nextAtWordStart(re, text, re.lastIndex)) {
        // the longest of the rules that match here
        let best: { rule: SectorRule; len: number } | null = null;
        for (const s of this.sticky) {
          s.re.lastIndex = m.index;
          const x = s.re.exec(text);
          if (x && (!best || x[0].length > best.len)) best = { rule: s.rule, len: x[0].length };
        }
        if (!best) continue; // (lastIndex is past the joined match)
        found.push({ start: m.index, end: m.index + best.len, compiled: best.rule, rule: best.rule.id });
        re.lastIndex = m.index + best.len;
      }
    }
    for (const m of scan(this.apart, text)) found.push(m);
    const matches = dropOverlaps(found);
    const out = new Coverage(text.length);
    for (const x of excluded) out.mark(x.start, x.end);
    return matches.filter((m) => !out.all(m.start, m.end)).map((m) => ({ start: m.start, end: m.end, sector: m.compiled.sector, rule: m.rule }));
  }
}
