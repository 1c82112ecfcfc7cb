/**
 * One article, from its bytes to its files under output/: the pipeline, then the
 * record and its trace written atomically. Never throws for an article's sake: a
 * bug or an invalid record gives a "failed" record with its reason.
 */
import { isMainThread } from "node:worker_threads";
import { articlePath, tracePath } from "./paths.js";
import type { Article } from "../schema/record.js";
import { SCHEMA_VERSION } from "../schema/record.js";
import { processArticle } from "../pipeline/stages.js";
import type { Runtime } from "../pipeline/env.js";
import { sha256, UnreadableInput } from "../stages/ingest.js";
import { InvalidRecord } from "../stages/record.js";
import { writeFileAtomic } from "./atomic.js";
import { stableJson } from "./json.js";

export interface JobInput {
  relPath: string;
  id: string;
  bytes: Uint8Array;
  /** the earlier file with the same content, if any */
  duplicateOf: string | null;
}

export interface JobResult {
  relPath: string;
  id: string;
  sha256: string;
  status: Article["status"];
  reason: string | null;
  language: string;
  agreements: number;
  ms: number;
}

export { articlePath, tracePath };

export function runJob(job: JobInput, rt: Runtime, outDir: string): JobResult {
  const t0 = performance.now();
  let record: Article;
  let trace: unknown[] = [];
  let reason: string | null = null;
  try {
    // Fault injection for the tests of failure handling: a path containing this string fails.
    const fault = process.env.COOP_EXTRACT_FAULT;
    if (fault && job.relPath.includes(fault)) throw new Error(`fault injected for ${job.relPath} (COOP_EXTRACT_FAULT)`);
    // ... and this one kills the worker thread processing it, as running out of memory would
    const crash = process.env.COOP_EXTRACT_CRASH;
    if (crash && job.relPath.includes(crash) && !isMainThread) process.exit(70);
    const doc = processArticle(job.relPath, job.bytes, rt);
    doc.id = job.id;
    record = { ...doc.record!, id: job.id };
    trace = doc.trace;
    if (record.status === "skipped") reason = record.warnings[record.warnings.length - 1] ?? "skipped";
  } catch (e) {
    const unreadable = e instanceof UnreadableInput;
    reason = unreadable ? (e as Error).message : e instanceof InvalidRecord ? `invalid record (a bug): ${e.issues.join("; ")}` : `pipeline error (a bug): ${(e as Error).stack?.split("\n").slice(0, 3).join(" | ") ?? String(e)}`;
    record = emptyRecord(job, unreadable ? "skipped" : "failed", reason);
  }
  if (job.duplicateOf) record.warnings.push(`same content as ${job.duplicateOf}`);
  writeFileAtomic(articlePath(outDir, job.id), stableJson(record));
  writeFileAtomic(tracePath(outDir, job.id), stableJson({ id: job.id, source: job.relPath, values: trace }));
  return {
    relPath: job.relPath,
    id: job.id,
    sha256: record.source.sha256,
    status: record.status,
    reason,
    language: record.language.code,
    agreements: record.agreements.length,
    ms: performance.now() - t0,
  };
}

/** The record of an article the pipeline could not read or process. */
export function emptyRecord(job: JobInput, status: "skipped" | "failed", reason: string): Article {
  return {
    schemaVersion: SCHEMA_VERSION,
    id: job.id,
    source: { path: job.relPath, sha256: sha256(job.bytes), bytes: job.bytes.length, encoding: "unknown" },
    status,
    language: { code: "und", confidence: 0 },
    title: null,
    publishedOn: null,
    agreements: [],
    people: [],
    sectors: [],
    warnings: [reason],
    ...(status === "failed" ? { error: reason } : {}),
  };
}
