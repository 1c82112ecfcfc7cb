/**
 * The nightly batch: every file of the corpus gets a record (or a line in
 * run.json), a bad file never stops the run, unchanged files are reused, records
 * of deleted files are removed, every output is written atomically, and a run
 * killed half-way is completed by the next one.
 */
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { availableParallelism } from "node:os";
import { tuneForPool } from "./pool-tuning.js";
import { Worker } from "node:worker_threads";
import type { Article } from "../schema/record.js";
import type { RuleSet } from "../rules/load.js";
import { readRuleFiles } from "../rules/files.js";
import { discover, type Found } from "./discover.js";
import { acquireLock } from "./lock.js";
import type { JobInput, JobResult } from "./article-job.js";
import { articlePath, stemOf, tracePath } from "./paths.js";
import { AtomicFileWriter, hashFileSync, readLines, writeFileAtomic, writeIfChanged } from "./atomic.js";
import { stableJson } from "./json.js";
import { packageVersion, programVersion, PROGRAM_NAME } from "./version.js";

export interface BatchOptions {
  corpus: string;
  out: string;
  rules: string;
  force?: boolean;
  jobs?: number;
  /** files larger than this are not read (a record says why) */
  maxBytes?: number;
  onProgress?: (p: Progress) => void;
  onFile?: (f: FileEntry) => void;
}

export interface Progress {
  done: number;
  total: number;
  elapsedMs: number;
}

export interface FileEntry {
  path: string;
  id: string | null;
  status: "extracted" | "skipped" | "failed" | "unsupported";
  reason: string | null;
  reused: boolean;
  duplicateOf: string | null;
  agreements: number;
}

export interface RunReport {
  program: { name: string; version: string; code: string };
  rules: { hash: string; files: string[] };
  corpus: string;
  output: string;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  jobs: number;
  counts: {
    files: number;
    extracted: number;
    skipped: number;
    failed: number;
    unsupported: number;
    processed: number;
    reused: number;
    removed: number;
    agreements: number;
  };
  /** of the files processed in this run: bytes read, time per file, peak memory of the process */
  stats: { bytes: number; latencyMs: { p50: number; p95: number; max: number }; peakRssMB: number };
  failures: { path: string; reason: string }[];
  removed: string[];
  files: FileEntry[];
}

/** a press release is rarely over 100 KB; 1 MiB bounds a run's time and memory on one file (a few seconds) */
export const DEFAULT_MAX_BYTES = 1024 * 1024;
/**
 * Progress is checkpointed (the state of every file done so far, so that a rerun after a
 * crash redoes little) at most every 5 seconds, and less often as the state grows: a
 * checkpoint writes the whole state, so waiting 20 times what the last one cost keeps
 * checkpoints under 5 % of a run however large the corpus.
 */
const CHECKPOINT_MIN_MS = 5000;
const CHECKPOINT_COST_FACTOR = 20;
const SMALL_BATCH = 50;
const STATE_VERSION = 1;

interface StateEntry {
  id: string;
  sha256: string;
  size: number;
  mtimeMs: number;
  status: "extracted" | "skipped" | "failed";
  reason: string | null;
  agreements: number;
  duplicateOf: string | null;
  /** the program that wrote the schema file (kept on the state, not per file) */
}
interface State {
  version: typeof STATE_VERSION;
  program: string;
  rules: string;
  /** agreements.jsonl holds the agreements of exactly these entries (false while a run is under way) */
  agreementsIndex?: boolean;
  files: Record<string, StateEntry>;
}

/** The state of the last run; anything unexpected in it and everything is processed again. */
function readState(out: string): State | null {
  try {
    const s = JSON.parse(readFileSync(join(out, ".state.json"), "utf8")) as State;
    if (s.version !== STATE_VERSION || typeof s.program !== "string" || typeof s.rules !== "string" || typeof s.files !== "object" || s.files === null) return null;
    for (const e of Object.values(s.files)) {
      if (typeof e.id !== "string" || typeof e.sha256 !== "string" || typeof e.size !== "number" || typeof e.mtimeMs !== "number" || !["extracted", "skipped", "failed"].includes(e.status)) return null;
    }
    return s;
  } catch {
    return null; // none yet, or damaged: everything is processed again
  }
}

/** Stems, with a suffix for the rare files whose stems collide ("a.txt" and "a.md"). */
function assignIds(files: readonly Found[]): Map<string, string> {
  const ids = new Map<string, string>();
  const used = new Set<string>();
  for (const f of files) {
    let id = stemOf(f.relPath);
    if (used.has(id)) {
      const ext = f.relPath.split(".").pop() ?? "x";
      let n = 1;
      let candidate = `${id}_${ext}`;
      while (used.has(candidate)) candidate = `${id}_${ext}${++n}`;
      id = candidate;
    }
    used.add(id);
    ids.set(f.relPath, id);
  }
  return ids;
}

export async function runBatch(opts: BatchOptions): Promise<RunReport> {
  const t0 = performance.now();
  const startedAt = new Date().toISOString();
  const corpus = resolve(opts.corpus);
  const out = resolve(opts.out);
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const program = programVersion();
  const ruleFiles = readRuleFiles(opts.rules);
  // Rules that are byte for byte those of the last run were valid then; others are parsed
  // and checked here: a broken rule file stops the run before anything is written.
  let rules: RuleSet | null = null;
  const loadRules = async () => (rules ??= (await import("../rules/load.js")).RuleSet.load(opts.rules));
  const before = readState(out);
  if (!(before && before.program === program && before.rules === ruleFiles.hash)) await loadRules();
  if (!existsSync(corpus) || !statSync(corpus).isDirectory()) throw new UsageError(`corpus folder not found: ${opts.corpus}`);
  const lock = acquireLock(out);
  try {
    removeLeftovers(out);
    const previous = readState(out);
    const sameEnv = !opts.force && previous !== null && previous.program === program && previous.rules === ruleFiles.hash;
    const { files, skipped: unsupported } = discover(corpus);
    const ids = assignIds(files);

    // 1. What changed: size and time first, the content's hash when they differ.
    const state: State = { version: STATE_VERSION, program, rules: ruleFiles.hash, files: {} };
    const hashes = new Map<string, string>();
    const reuse = new Set<string>();
    for (const f of files) {
      const id = ids.get(f.relPath)!;
      const old = previous?.files[f.relPath];
      const exists = old && existsSync(articlePath(out, id));
      if (sameEnv && old && exists && old.id === id && old.size === f.size && old.mtimeMs === f.mtimeMs) {
        hashes.set(f.relPath, old.sha256);
        reuse.add(f.relPath);
        continue;
      }
      const sha = hashFileSync(f.absPath);
      hashes.set(f.relPath, sha);
      if (sameEnv && old && exists && old.id === id && old.sha256 === sha) reuse.add(f.relPath);
    }
    // 2. Identical files: both processed, the later one flagged.
    const firstWith = new Map<string, string>();
    const duplicateOf = new Map<string, string | null>();
    for (const f of files) {
      const sha = hashes.get(f.relPath)!;
      const first = firstWith.get(sha);
      duplicateOf.set(f.relPath, first ?? null);
      if (!first) firstWith.set(sha, f.relPath);
      const old = previous?.files[f.relPath];
      if (reuse.has(f.relPath) && (old?.duplicateOf ?? null) !== (first ?? null)) reuse.delete(f.relPath);
    }

    // 3. Process what changed.
    const todo = files.filter((f) => !reuse.has(f.relPath));
    const results = new Map<string, JobResult>();
    // Worker threads pay off from a few dozen files: fewer are processed here, without their
    // start-up. More go to workers, even with --jobs 1: a worker's heap is bounded
    // (WORKER_LIMITS), the main thread's is not, and it stays small for the run's bookkeeping.
    const inProcess = todo.length < SMALL_BATCH;
    const jobs = inProcess ? 1 : Math.max(1, Math.min(opts.jobs ?? availableParallelism(), todo.length));
    let done = 0;
    let nextCheckpoint = performance.now() + CHECKPOINT_MIN_MS;
    const checkpoint = () => {
      const c0 = performance.now();
      // agreements.jsonl lags behind until the end of the run: a run killed now rebuilds it
      writeFileAtomic(join(out, ".state.json"), JSON.stringify({ ...stateWith(state, previous, files, ids, hashes, reuse, results, duplicateOf), agreementsIndex: false }), true);
      const now = performance.now();
      nextCheckpoint = now + Math.max(CHECKPOINT_MIN_MS, CHECKPOINT_COST_FACTOR * (now - c0));
    };
    const onResult = (r: JobResult) => {
      results.set(r.relPath, r);
      done++;
      const now = performance.now();
      opts.onProgress?.({ done, total: todo.length, elapsedMs: now - t0 });
      if (now >= nextCheckpoint && done < todo.length) checkpoint();
    };
    const makeJob = async (f: Found): Promise<JobInput | JobResult> => {
      const id = ids.get(f.relPath)!;
      const dup = duplicateOf.get(f.relPath) ?? null;
      if (f.size > maxBytes) return oversized(f, id, hashes.get(f.relPath)!, maxBytes, out, dup);
      return { relPath: f.relPath, id, bytes: readFileSync(f.absPath), duplicateOf: dup };
    };
    if (todo.length && inProcess) {
      const { createRuntime } = await import("../pipeline/env.js");
      const { runJob } = await import("./article-job.js");
      const rt = createRuntime(await loadRules());
      for (const f of todo) {
        const job = await makeJob(f);
        onResult("bytes" in job ? runJob(job, rt, out) : job);
      }
    } else if (todo.length) {
      rules = null; // checked above; the workers load their own
      await runPool(todo, jobs, opts.rules, out, makeJob, onResult);
    }

    // 4. Records of files that are gone.
    const removed: string[] = [];
    const liveIds = new Set(ids.values());
    for (const [path, entry] of Object.entries(previous?.files ?? {})) {
      if (ids.has(path) || liveIds.has(entry.id)) continue;
      rmSync(articlePath(out, entry.id), { force: true });
      rmSync(tracePath(out, entry.id), { force: true });
      removed.push(path);
    }

    // 5. The aggregates.
    const finalState = stateWith(state, previous, files, ids, hashes, reuse, results, duplicateOf);
    const indexValid = sameEnv && previous?.agreementsIndex === true && existsSync(join(out, "agreements.jsonl"));
    if (results.size > 0 || removed.length > 0 || !indexValid) writeAgreements(out, files, ids, finalState, indexValid ? reuse : new Set());
    finalState.agreementsIndex = true;
    // the schema file depends on the program only
    if (!sameEnv || !existsSync(join(out, "schema", "article.schema.json"))) {
      const { articleJsonSchema } = await import("./schema-file.js");
      writeIfChanged(join(out, "schema", "article.schema.json"), stableJson(articleJsonSchema()));
    }
    writeIfChanged(join(out, ".state.json"), JSON.stringify(finalState), true);

    const entries: FileEntry[] = [];
    for (const f of files) {
      const e = finalState.files[f.relPath]!;
      const entry: FileEntry = { path: f.relPath, id: e.id, status: e.status, reason: e.reason, reused: reuse.has(f.relPath), duplicateOf: e.duplicateOf, agreements: e.agreements };
      entries.push(entry);
      opts.onFile?.(entry);
    }
    for (const u of unsupported) entries.push({ path: u.relPath, id: null, status: "unsupported", reason: u.reason, reused: false, duplicateOf: null, agreements: 0 });
    entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const count = (s: FileEntry["status"]) => entries.filter((e) => e.status === s).length;
    const latencies = [...results.values()].map((r) => r.ms).sort((a, b) => a - b);
    const pct = (q: number) => (latencies.length ? Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]! * 100) / 100 : 0);
    const report: RunReport = {
      program: { name: PROGRAM_NAME, version: packageVersion(), code: program },
      rules: { hash: ruleFiles.hash, files: ruleFiles.names },
      corpus: opts.corpus,
      output: opts.out,
      startedAt,
      finishedAt: new Date().toISOString(),
      durationMs: Math.round(performance.now() - t0),
      jobs,
      counts: {
        files: entries.length,
        extracted: count("extracted"),
        skipped: count("skipped"),
        failed: count("failed"),
        unsupported: count("unsupported"),
        processed: results.size,
        reused: reuse.size,
        removed: removed.length,
        agreements: entries.reduce((n, e) => n + e.agreements, 0),
      },
      stats: {
        bytes: todo.reduce((n, f) => n + f.size, 0),
        latencyMs: { p50: pct(0.5), p95: pct(0.95), max: latencies.length ? Math.round(latencies[latencies.length - 1]! * 100) / 100 : 0 },
        peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
      },
      failures: entries.filter((e) => e.status === "failed").map((e) => ({ path: e.path, reason: e.reason ?? "" })),
      removed,
      files: entries,
    };
    writeFileAtomic(join(out, "run.json"), stableJson(report), true);
    return report;
  } finally {
    lock.release();
  }
}

export class UsageError extends Error {}

/** Temporary files of a run that was killed before it could rename them. */
function removeLeftovers(out: string): void {
  for (const dir of [out, join(out, "articles"), join(out, "trace"), join(out, "schema")]) {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const n of names) if (n.startsWith(".") && n.endsWith(".tmp")) rmSync(join(dir, n), { force: true });
  }
}

function stateWith(
  state: State,
  previous: State | null,
  files: readonly Found[],
  ids: Map<string, string>,
  hashes: Map<string, string>,
  reuse: Set<string>,
  results: Map<string, JobResult>,
  duplicateOf: Map<string, string | null>,
): State {
  const out: State = { ...state, files: {} };
  for (const f of files) {
    const r = results.get(f.relPath);
    const old = previous?.files[f.relPath];
    const base = { size: f.size, mtimeMs: f.mtimeMs, id: ids.get(f.relPath)!, duplicateOf: duplicateOf.get(f.relPath) ?? null };
    if (r) out.files[f.relPath] = { ...base, sha256: hashes.get(f.relPath)!, status: r.status, reason: r.reason, agreements: r.agreements };
    else if (reuse.has(f.relPath) && old) out.files[f.relPath] = { ...old, ...base, sha256: hashes.get(f.relPath)! };
  }
  return out;
}

/** A file over the size limit: not read, a record says why. */
async function oversized(f: Found, id: string, sha: string, maxBytes: number, out: string, duplicateOf: string | null): Promise<JobResult> {
  const { emptyRecord } = await import("./article-job.js");
  const reason = `file too large (${(f.size / 1048576).toFixed(1)} MB, limit ${(maxBytes / 1048576).toFixed(1)} MB): not read`;
  const record = emptyRecord({ relPath: f.relPath, id, bytes: new Uint8Array(0), duplicateOf }, "skipped", reason);
  record.source = { ...record.source, sha256: sha, bytes: f.size };
  writeWithoutValues(out, record);
  return { relPath: f.relPath, id, sha256: sha, status: "skipped", reason, language: "und", agreements: 0, ms: 0 };
}

/** output/agreements.jsonl: one agreement a line, from the article records (streamed, not held in memory). */
function writeAgreements(out: string, files: readonly Found[], ids: Map<string, string>, state: State, reuse: ReadonlySet<string>): void {
  const path = join(out, "agreements.jsonl");
  const writer = new AtomicFileWriter(path);
  try {
    // lines of unchanged articles are copied from the last file (same order), the others read from their records
    const old = reuse.size ? new OldLines(readLines(path)) : null;
    let chunk = "";
    for (const f of files) {
      const e = state.files[f.relPath];
      if (!e || e.status !== "extracted" || e.agreements === 0) continue;
      const lines = (reuse.has(f.relPath) && old?.take(e.id, e.agreements)) || agreementLines(out, ids.get(f.relPath)!);
      for (const line of lines) chunk += `${line}\n`;
      if (chunk.length > 1 << 20) {
        writer.write(chunk);
        chunk = "";
      }
    }
    writer.write(chunk);
  } catch (e) {
    writer.abort();
    throw e;
  }
  writer.commit();
}

function agreementLines(out: string, id: string): string[] {
  const article = JSON.parse(readFileSync(articlePath(out, id), "utf8")) as Article;
  return article.agreements.map((a) => JSON.stringify({ articleId: article.id, sourcePath: article.source.path, publishedOn: article.publishedOn?.value ?? null, ...a }));
}

/** The lines of the previous agreements.jsonl, walked once in order, by article id. */
class OldLines {
  private line: string | null = null;
  private id: string | null = null;

  constructor(private readonly lines: Iterator<string>) {
    this.advance();
  }

  private advance(): void {
    const r = this.lines.next();
    this.line = r.done ? null : r.value;
    const m = this.line === null ? null : /^\{"articleId":("(?:[^"\\]|\\.)*")/.exec(this.line);
    this.id = m ? (JSON.parse(m[1]!) as string) : null;
  }

  /** The `count` lines of article `id`, skipping those of articles before it; null when they are not all there. */
  take(id: string, count: number): string[] | null {
    while (this.line !== null && this.id !== id) this.advance();
    const lines: string[] = [];
    while (this.line !== null && this.id === id) {
      lines.push(this.line);
      this.advance();
    }
    return lines.length === count ? lines : null;
  }
}

/**
 * Jobs sent ahead to each worker: it starts its next article as soon as it has answered
 * for one, instead of waiting idle while the main thread reads the file and sends it.
 */
const IN_FLIGHT_PER_WORKER = 2;

/** Worker threads, each working through a short queue of jobs; results come back in any order. */
async function runPool(
  todo: readonly Found[],
  size: number,
  rulesDir: string,
  out: string,
  makeJob: (f: Found) => Promise<JobInput | JobResult>,
  onResult: (r: JobResult) => void,
): Promise<void> {
  tuneForPool(size, availableParallelism());
  const workerUrl = new URL("./worker.js", import.meta.url);
  const { emptyRecord } = await import("./article-job.js");
  let next = 0;
  let seq = 0;
  const workers = new Set<Worker>();
  // the jobs sent to each worker, oldest first (a worker answers in that order): when a
  // worker dies (out of memory, a crash), the oldest fails, the others go to another worker
  const queued = new Map<Worker, JobInput[]>();
  const retry: JobInput[] = [];
  await new Promise<void>((resolveAll, rejectAll) => {
    let finished = false;
    const finish = (err?: Error) => {
      if (finished) return;
      finished = true;
      for (const w of workers) void w.terminate();
      if (err) rejectAll(err);
      else resolveAll();
    };
    const nextJob = async (): Promise<JobInput | null> => {
      while (retry.length || next < todo.length) {
        const job = retry.shift() ?? (await makeJob(todo[next++]!));
        if ("bytes" in job) return job;
        onResult(job);
      }
      return null;
    };
    const idle = () => next >= todo.length && retry.length === 0 && [...queued.values()].every((q) => q.length === 0);
    const feed = async (w: Worker) => {
      const queue = queued.get(w);
      while (queue && queue.length < IN_FLIGHT_PER_WORKER && !finished) {
        const job = await nextJob();
        if (!job) break;
        queue.push(job);
        w.postMessage({ ...job, seq: seq++ });
      }
      if (idle()) finish();
    };
    const start = () => {
      const w = new Worker(workerUrl, { workerData: { rulesDir: resolve(rulesDir), outDir: out }, resourceLimits: WORKER_LIMITS });
      workers.add(w);
      queued.set(w, []);
      let why = "";
      w.on("message", (msg: { ready?: boolean; result?: JobResult }) => {
        if (msg.result) {
          queued.get(w)?.shift();
          onResult(msg.result);
        }
        feed(w).catch((e: unknown) => finish(e as Error));
      });
      w.on("error", (e) => {
        why = e.message;
      });
      w.on("exit", (code) => {
        workers.delete(w);
        const [job, ...notStarted] = queued.get(w) ?? [];
        queued.delete(w);
        if (finished) return;
        // a worker that dies before any job is a broken set-up, not a bad file
        if (!job) return finish(new Error(`a worker stopped with code ${code}${why ? `: ${why}` : ""}`));
        retry.push(...notStarted);
        onResult(workerDied(job, out, why || `exit code ${code}`, emptyRecord));
        start();
      });
    };
    for (let i = 0; i < size; i++) start();
  });
}

/**
 * The old generation's cap is a safety net, not a budget: a worker settles at some 60 MB
 * of live heap (gazetteer and rules) and an article adds a few MB; one that runs away
 * fails its file at 1 GB instead of taking the machine's memory (a tight cap would make
 * V8 collect over and over). The young generation is kept at 16 MB instead of V8's
 * default 48: an article's short-lived objects fit, and each worker is ~45 MB smaller
 * for the same speed (measured with npm run bench).
 */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 1024, maxYoungGenerationSizeMb: 16 };

/** The record of a file whose worker died while processing it. */
function workerDied(job: JobInput, out: string, why: string, emptyRecord: typeof import("./article-job.js").emptyRecord): JobResult {
  const reason = `the worker processing this file stopped (${why}); the file was not extracted`;
  const record = emptyRecord(job, "failed", reason);
  writeWithoutValues(out, record);
  return { relPath: job.relPath, id: job.id, sha256: record.source.sha256, status: "failed", reason, language: "und", agreements: 0, ms: 0 };
}

/** The record of a file the pipeline did not read, and its empty trace. */
function writeWithoutValues(out: string, record: Article): void {
  writeFileAtomic(articlePath(out, record.id), stableJson(record));
  writeFileAtomic(tracePath(out, record.id), stableJson({ id: record.id, source: record.source.path, values: [] }));
}
