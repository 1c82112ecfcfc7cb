/**
 * npm run eval: the pipeline against the gold fixtures, a table per field (dev,
 * test, all), the misses per article, and the same as JSON in output/eval.json.
 *
 * Usage: node dist/eval/cli.js [--fixtures tests/fixtures] [--rules rules] [--out output] [--split dev|test|all] [--quiet]
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { evaluate, loadFixtures, type EvalReport } from "./evaluate.js";
import { runtimeFor } from "../pipeline/env.js";
import { writeFileAtomic } from "../run/atomic.js";
import { stableJson } from "../run/json.js";

export function formatTable(report: EvalReport): string {
  const cols = ["dev", "test", "all"] as const;
  const header = `| field | ${cols.map((c) => `${c} (${report.splits[c].articles})`).join(" | ")} | support (all) |`;
  const sep = `|---|${cols.map(() => "---").join("|")}|---|`;
  const rows = report.splits.all.metrics.map((m, i) => {
    const cells = cols.map((c) => {
      const x = report.splits[c].metrics[i]!;
      return x.kind === "prf" ? `P ${fmt(x.precision)} R ${fmt(x.recall)} F1 ${fmt(x.f1)}` : `${fmt(x.accuracy)}`;
    });
    return `| ${m.name} | ${cells.join(" | ")} | ${m.support} |`;
  });
  return [header, sep, ...rows].join("\n");
}

function fmt(x: number | undefined): string {
  return x === undefined ? "-" : x.toFixed(2);
}

export function formatMisses(report: EvalReport, split: "dev" | "test" | "all"): string {
  const lines: string[] = [];
  for (const a of report.articles) {
    if (split !== "all" && a.split !== split) continue;
    if (a.misses.length === 0) continue;
    lines.push(`${a.id} (${a.split})`);
    for (const m of a.misses) lines.push(`  - ${m}`);
  }
  return lines.join("\n");
}

function main(): number {
  const { values } = parseArgs({
    options: {
      fixtures: { type: "string", default: "tests/fixtures" },
      rules: { type: "string", default: "rules" },
      out: { type: "string", default: "output" },
      split: { type: "string", default: "all" },
      quiet: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log("Usage: npm run eval -- [--fixtures dir] [--rules dir] [--out dir] [--split dev|test|all] [--quiet]");
    return 0;
  }
  const split = values.split as "dev" | "test" | "all";
  const report = evaluate(loadFixtures(values.fixtures!), runtimeFor(values.rules!));
  if (!values.quiet) {
    const misses = formatMisses(report, split);
    if (misses) console.log(`Misses (${split}):\n${misses}\n`);
  }
  console.log(formatTable(report));
  mkdirSync(values.out!, { recursive: true });
  writeFileAtomic(join(values.out!, "eval.json"), stableJson(report));
  console.log(`\nwritten: ${join(values.out!, "eval.json")}`);
  return 0;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop()!)) process.exitCode = main();
