/**
 * A worker thread of the batch: builds the rules and gazetteer once, then runs
 * the jobs the main thread sends, one at a time, and answers with their results.
 */
import { parentPort, workerData } from "node:worker_threads";
import { runtimeFor } from "../pipeline/env.js";
import { runJob, type JobInput } from "./article-job.js";

interface WorkerData {
  rulesDir: string;
  outDir: string;
}

const { rulesDir, outDir } = workerData as WorkerData;
const rt = runtimeFor(rulesDir);

parentPort!.on("message", (job: JobInput & { seq: number }) => {
  const result = runJob(job, rt, outDir);
  parentPort!.postMessage({ seq: job.seq, result });
});
parentPort!.postMessage({ ready: true });
