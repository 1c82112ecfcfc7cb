/**
 * V8 settings for a pool of worker threads that keeps every core busy, set by the main
 * thread just before it starts the workers: each worker is a new isolate, created with
 * the flags of that moment (the main thread, which only reads files and keeps the run's
 * bookkeeping, keeps its background compiler; the heap setting holds for it too).
 *
 * - No background optimising compiler: with one worker per core there is no idle core for
 *   it, so compiling on the worker's own thread costs no time (3,000 articles, 2 workers:
 *   9.22 s against 9.39 s, alternated runs), and the compiler's scratch memory no longer
 *   lands in the allocator arenas of V8's background threads, which are never given back
 *   (peak RSS at 12,000 articles 420–428 MB → 384–394 MB).
 * - The old generation grows by 20 % steps instead of up to 4× at a time: each worker's
 *   live heap is flat (~57 MB after a full collection), its uncollected garbage is what
 *   grew with the length of the run (12,000 articles: 384 → 345–353 MB), for 2–4 % more
 *   time spent collecting.
 *
 * Only flags that V8 reads when an isolate is created or when it sizes a heap are set
 * here: switching the garbage collector's threads off at run time aborts the process.
 * Returns the flags it set.
 */
import { setFlagsFromString } from "node:v8";

export function tuneForPool(workers: number, cores: number): string[] {
  if (workers < cores) return [];
  const flags = ["--no-concurrent-recompilation", "--heap-growing-percent=20"];
  for (const f of flags) setFlagsFromString(f);
  return flags;
}
