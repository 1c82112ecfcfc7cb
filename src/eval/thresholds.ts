/**
 * The accuracy gate: headline figures of `npm run eval` must not fall below the
 * thresholds committed in tests/eval-thresholds.json. Raise them as figures
 * improve; never lower them to let a change pass.
 */
import { readFileSync } from "node:fs";
import type { EvalReport } from "./evaluate.js";
import { headline } from "./evaluate.js";

export type Thresholds = Record<"dev" | "test", Record<string, number>>;

export function loadThresholds(path = "tests/eval-thresholds.json"): Thresholds {
  return JSON.parse(readFileSync(path, "utf8")) as Thresholds;
}

/** Every figure below its threshold, as "split figure: got < threshold". */
export function belowThresholds(report: EvalReport, thresholds: Thresholds): string[] {
  const out: string[] = [];
  for (const split of ["dev", "test"] as const) {
    const got = headline(report, split);
    for (const [name, min] of Object.entries(thresholds[split])) {
      const value = got[name];
      if (value === undefined) out.push(`${split} ${name}: unknown figure`);
      else if (value + 1e-9 < min) out.push(`${split} ${name}: ${value.toFixed(3)} < ${min}`);
    }
  }
  return out;
}
