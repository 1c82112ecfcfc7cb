/**
 * Sector words (rules/sectors.yaml). The longest match wins where rules overlap;
 * words inside a person's title or an organisation's name do not count.
 */
import type { Env, Range, SectorMention } from "../pipeline/doc.js";
import type { CompiledRule } from "../rules/load.js";
import { Coverage, dropOverlaps, scan, type ScanContext } from "./engine.js";

export class SectorReader {
  private readonly rules: readonly CompiledRule<"sector">[];

  constructor(env: Env) {
    this.rules = env.rules.rules("sector");
  }

  extract(text: string, excluded: readonly Range[], sc?: ScanContext): SectorMention[] {
    const matches = dropOverlaps(sc ? sc.scan(this.rules) : scan(this.rules, text));
    const out = new Coverage(text.length);
    for (const x of excluded) out.mark(x.start, x.end);
    return matches
      .filter((m) => !out.all(m.start, m.end))
      .map((m) => ({ start: m.start, end: m.end, sector: m.compiled.sector, rule: m.rule }));
  }
}
