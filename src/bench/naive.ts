/**
 * The naive baseline of the benchmark: compromise over every whole article, in one
 * thread, as a straightforward pass would do. Prints a JSON line with its figures.
 * Usage: node dist/bench/naive.js <corpus-dir>
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
type Nlp = (text: string) => { json(opts?: object): unknown[] };
const nlp = require("compromise") as Nlp;

const dir = process.argv[2]!;
const files = readdirSync(dir).filter((f) => f.endsWith(".txt")).sort();
const t0 = performance.now();
let bytes = 0;
let terms = 0;
for (const f of files) {
  const text = readFileSync(join(dir, f), "utf8");
  bytes += Buffer.byteLength(text);
  const doc = nlp(text).json({ offset: true }) as { terms: unknown[] }[];
  for (const s of doc) terms += s.terms.length;
}
const ms = performance.now() - t0;
console.log(JSON.stringify({ files: files.length, bytes, terms, ms: Math.round(ms), peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024) }));
