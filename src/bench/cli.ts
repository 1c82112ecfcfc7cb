/**
 * npm run bench: a deterministic synthetic corpus of N articles (default 3,000) made
 * from the fixture articles, and in one run: a cold run at 1 and at all workers, a
 * no-change rerun, a rerun after 1 % of the files changed, a cold run on 4N files
 * (memory must stay flat), and the naive baseline (compromise over every whole
 * article). Each run is a separate process, as the nightly job runs. Prints a table
 * and writes output/bench.json.
 *
 * Usage: npm run bench -- [--n 3000] [--jobs <n>] [--out output] [--no-4n] [--baseline-n <n>]
 */
import { spawnSync } from "node:child_process";
import { appendFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, tmpdir, totalmem } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { GoldArticle } from "../eval/gold.js";
import { writeFileAtomic } from "../run/atomic.js";
import { stableJson } from "../run/json.js";
import type { RunReport } from "../run/batch.js";

const here = dirname(fileURLToPath(import.meta.url));
const CLI = join(here, "..", "cli.js");
const NAIVE = join(here, "naive.js");

interface Measure {
  name: string;
  files: number;
  processed: number;
  jobs: number;
  wallMs: number;
  articlesPerSec: number;
  mbPerSec: number;
  latencyMs: { p50: number; p95: number; max: number } | null;
  peakRssMB: number;
}

/** Every French fixture article, the base of the synthetic corpus. */
function baseArticles(root: string): string[] {
  const dir = join(root, "tests", "fixtures");
  const out: string[] = [];
  for (const f of readdirSync(join(dir, "articles")).sort()) {
    const id = f.replace(/\.[^.]+$/, "");
    const gold = GoldArticle.parse(JSON.parse(readFileSync(join(dir, "gold", `${id}.json`), "utf8")));
    if (gold.language === "fra") out.push(readFileSync(join(dir, "articles", f), "utf8"));
  }
  return out;
}

/** N unique articles: each base article with a numbered line of its own (deterministic). */
function buildCorpus(dir: string, n: number, bases: string[]): number {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const base = bases[i % bases.length]!;
    const text = `${base.trimEnd()}\n\nRéférence du communiqué : ${String(i).padStart(6, "0")}.\n`;
    bytes += Buffer.byteLength(text);
    writeFileSync(join(dir, `a${String(i).padStart(6, "0")}.txt`), text);
  }
  return bytes;
}

/**
 * Flushes what the previous step wrote (a corpus, an output folder deleted) before a run
 * is timed: otherwise the disk's write-back of one step lands in the timing of the next.
 */
function settleDisk(): void {
  spawnSync("sync", { stdio: "ignore" });
}

function run(name: string, corpus: string, out: string, jobs: number, bytes: number): Measure {
  settleDisk();
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [CLI, "--corpus", corpus, "--out", out, "--jobs", String(jobs), "--quiet"], { encoding: "utf8", maxBuffer: 1 << 26 });
  const wallMs = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${name}: exit ${r.status}: ${r.stderr}`);
  const report = JSON.parse(readFileSync(join(out, "run.json"), "utf8")) as RunReport;
  const processed = report.counts.processed;
  return {
    name,
    files: report.counts.files,
    processed,
    jobs,
    wallMs: Math.round(wallMs),
    articlesPerSec: Math.round((report.counts.files / wallMs) * 1000 * 10) / 10,
    mbPerSec: Math.round((bytes / 1048576 / (wallMs / 1000)) * 100) / 100,
    latencyMs: processed ? report.stats.latencyMs : null,
    peakRssMB: report.stats.peakRssMB,
  };
}

function naive(corpus: string, bytes: number, files: number): Measure & { perArticleMs: number } {
  settleDisk();
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [NAIVE, corpus], { encoding: "utf8" });
  const wallMs = performance.now() - t0;
  if (r.status !== 0) throw new Error(`naive baseline: ${r.stderr}`);
  const x = JSON.parse(r.stdout.trim().split("\n").pop()!) as { ms: number; peakRssMB: number };
  return {
    name: "naive baseline (compromise, 1 thread)",
    files,
    processed: files,
    jobs: 1,
    wallMs: Math.round(wallMs),
    articlesPerSec: Math.round((files / wallMs) * 1000 * 10) / 10,
    mbPerSec: Math.round((bytes / 1048576 / (wallMs / 1000)) * 100) / 100,
    latencyMs: null,
    peakRssMB: x.peakRssMB,
    perArticleMs: x.ms / files,
  };
}

function main(): number {
  const { values } = parseArgs({
    options: {
      n: { type: "string", default: "3000" },
      jobs: { type: "string" },
      out: { type: "string", default: "output" },
      "no-4n": { type: "boolean", default: false },
      "baseline-n": { type: "string" },
    },
  });
  const n = Number(values.n);
  const jobs = values.jobs ? Number(values.jobs) : availableParallelism();
  const root = resolve(here, "..", "..");
  const work = join(tmpdir(), "coop-extract-bench");
  const bases = baseArticles(root);
  const corpus = join(work, "corpus");
  const out = join(work, "out");
  const log = (s: string) => process.stderr.write(`${s}\n`);

  log(`building ${n} articles from ${bases.length} fixture articles in ${work}`);
  const bytes = buildCorpus(corpus, n, bases);
  const measures: Measure[] = [];
  const cold = (name: string, j: number) => {
    rmSync(out, { recursive: true, force: true });
    log(`${name}…`);
    const m = run(name, corpus, out, j, bytes);
    measures.push(m);
    return m;
  };
  const cold1 = cold("cold, 1 worker", 1);
  const coldJ = jobs > 1 ? cold(`cold, ${jobs} workers`, jobs) : cold1;
  log("no-change rerun…");
  const rerun = run("no-change rerun", corpus, out, jobs, bytes);
  measures.push(rerun);
  const changed = Math.max(1, Math.round(n / 100));
  for (let i = 0; i < changed; i++) appendFileSync(join(corpus, `a${String(i * 100).padStart(6, "0")}.txt`), "Mise à jour.\n");
  log(`rerun after ${changed} files (1 %) changed…`);
  const onePct = run("1 % changed", corpus, out, jobs, bytes);
  measures.push(onePct);

  let big: Measure | null = null;
  if (!values["no-4n"]) {
    const corpus4 = join(work, "corpus4n");
    const bytes4 = buildCorpus(corpus4, 4 * n, bases);
    rmSync(out, { recursive: true, force: true });
    log(`cold, ${jobs} workers, ${4 * n} articles…`);
    big = run(`cold, ${jobs} workers, 4N`, corpus4, out, jobs, bytes4);
    measures.push(big);
    rmSync(corpus4, { recursive: true, force: true });
  }

  const baseN = Math.min(n, values["baseline-n"] ? Number(values["baseline-n"]) : n);
  let baseCorpus = corpus;
  let baseBytes = bytes;
  if (baseN < n) {
    baseCorpus = join(work, "corpus-baseline");
    baseBytes = buildCorpus(baseCorpus, baseN, bases);
  }
  log(`naive baseline on ${baseN} articles…`);
  const base = naive(baseCorpus, baseBytes, baseN);
  measures.push(base);

  const perArticle = (m: Measure) => m.wallMs / m.files;
  const ratios = {
    coldVsNaive_sameThreads: Math.round((base.perArticleMs / perArticle(cold1)) * 10) / 10,
    coldVsNaive_allWorkers: Math.round((base.perArticleMs / perArticle(coldJ)) * 10) / 10,
    noChangeShareOfCold: Math.round((rerun.wallMs / coldJ.wallMs) * 1000) / 1000,
    onePercentShareOfCold: Math.round((onePct.wallMs / coldJ.wallMs) * 1000) / 1000,
    workerSpeedup: Math.round((cold1.wallMs / coldJ.wallMs) * 100) / 100,
    rss4nOverN: big ? Math.round((big.peakRssMB / coldJ.peakRssMB) * 100) / 100 : null,
  };
  const machine = { cpu: cpus()[0]?.model ?? "unknown", cores: availableParallelism(), memoryGB: Math.round(totalmem() / 1073741824), node: process.version, platform: `${process.platform} ${process.arch}` };
  const report = { n, jobs, corpusMB: Math.round((bytes / 1048576) * 100) / 100, machine, measures, ratios };

  const rows = measures.map(
    (m) =>
      `| ${m.name} | ${m.files} | ${m.processed} | ${(m.wallMs / 1000).toFixed(2)} | ${m.articlesPerSec} | ${m.mbPerSec} | ${m.latencyMs ? `${m.latencyMs.p50} / ${m.latencyMs.p95} / ${m.latencyMs.max}` : "-"} | ${m.peakRssMB} |`,
  );
  console.log(`Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGB} GB, Node ${machine.node}`);
  console.log(`Corpus: ${n} articles (${report.corpusMB} MB), from ${bases.length} fixture articles\n`);
  console.log("| run | files | processed | wall s | articles/s | MB/s | latency ms p50 / p95 / max | peak RSS MB |");
  console.log("|---|---|---|---|---|---|---|---|");
  console.log(rows.join("\n"));
  console.log(`
| ratio | value | target |
|---|---|---|
| cold vs naive, per article, 1 thread each | ${ratios.coldVsNaive_sameThreads}× | |
| cold (${jobs} workers) vs naive (1 thread) | ${ratios.coldVsNaive_allWorkers}× | ≥ 15× (aim 50×) |
| no-change rerun / cold | ${(ratios.noChangeShareOfCold * 100).toFixed(1)} % | ≤ 5 % |
| 1 % changed / cold | ${(ratios.onePercentShareOfCold * 100).toFixed(1)} % | ≤ 10 % |
| ${jobs} workers / 1 worker (cold) | ${ratios.workerSpeedup}× | ≥ 1.7× |
| peak RSS 4N / N | ${ratios.rss4nOverN ?? "-"} | flat, ≤ 400 MB |`);
  mkdirSync(values.out!, { recursive: true });
  writeFileAtomic(join(values.out!, "bench.json"), stableJson(report));
  console.log(`\nwritten: ${join(values.out!, "bench.json")}`);
  return 0;
}

process.exitCode = main();
