#!/usr/bin/env node
/**
 * coop-extract: French press releases on international cooperation → agreement records.
 * Exit codes: 0 every file extracted or skipped; 1 at least one failed (the others are
 * written); 2 usage or rule-file error (nothing written).
 */
import "./run/v8-tuning.js";
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { parseArgs } from "node:util";
import { availableParallelism } from "node:os";
import { RuleLoadError } from "./rules/files.js";
import { DEFAULT_MAX_BYTES, runBatch, UsageError, type Progress } from "./run/batch.js";
import { LockedError } from "./run/lock.js";

const HELP = `Usage: npm start -- [options]
       node dist/cli.js [options]

Reads every article of the corpus folder, extracts the cooperation agreements and
the people it names, and writes validated JSON records to the output folder.

Options:
  --corpus <dir>     folder of articles to read (default: corpus)
  --out <dir>        folder to write to (default: output)
  --rules <dir>      folder of rule files (default: rules)
  --explain <file>   process one file and print each extracted value with the
                     rule and the text behind it (writes nothing)
  --force            process every file again, even unchanged ones
  --jobs <n>         worker threads (default: the number of cores, ${availableParallelism()} here);
                     fewer than 50 files to process are processed without workers
  --max-bytes <n>    files larger than this are not read (default: ${DEFAULT_MAX_BYTES}, 1 MiB)
  --quiet            print nothing but errors
  --verbose          print a line per file
  -h, --help         show this help

Outputs (in the output folder):
  articles/<stem>.json        one record per article (schema: schema/article.schema.json)
  trace/<stem>.json           the rule and the source span behind each value
  agreements.jsonl            every agreement, one a line
  run.json                    what ran: counts per status, failures and their reasons
  schema/article.schema.json  JSON Schema of the article records

Exit codes: 0 all files extracted or skipped, 1 at least one failed (the others
are written), 2 usage error, rule-file error or output folder locked (nothing written).`;

async function main(argv: string[]): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: argv,
      options: {
        corpus: { type: "string", default: "corpus" },
        out: { type: "string", default: "output" },
        rules: { type: "string", default: "rules" },
        explain: { type: "string" },
        force: { type: "boolean", default: false },
        jobs: { type: "string" },
        "max-bytes": { type: "string" },
        quiet: { type: "boolean", default: false },
        verbose: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (e) {
    console.error(`${(e as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const jobs = values.jobs === undefined ? undefined : Number(values.jobs);
  const maxBytes = values["max-bytes"] === undefined ? undefined : Number(values["max-bytes"]);
  if ((jobs !== undefined && (!Number.isInteger(jobs) || jobs < 1)) || (maxBytes !== undefined && (!Number.isInteger(maxBytes) || maxBytes < 1))) {
    console.error("--jobs and --max-bytes take a positive whole number");
    return 2;
  }
  try {
    if (typeof values.explain === "string") {
      // the pipeline is loaded only when there is work for it
      const { RuleSet } = await import("./rules/load.js");
      const { createRuntime } = await import("./pipeline/env.js");
      const { processArticle } = await import("./pipeline/stages.js");
      const { explain } = await import("./run/explain.js");
      const rt = createRuntime(RuleSet.load(String(values.rules)));
      let bytes: Buffer;
      try {
        bytes = readFileSync(values.explain);
      } catch (e) {
        console.error(`cannot read ${values.explain}: ${(e as Error).message}`);
        return 2;
      }
      const doc = processArticle(basename(values.explain), bytes, rt);
      console.log(explain(doc));
      return doc.record?.status === "failed" ? 1 : 0;
    }
    const quiet = values.quiet === true;
    const verbose = values.verbose === true && !quiet;
    const progress = quiet ? undefined : progressPrinter();
    const report = await runBatch({
      corpus: String(values.corpus),
      out: String(values.out),
      rules: String(values.rules),
      force: values.force === true,
      jobs,
      maxBytes,
      onProgress: progress?.update,
      onFile: verbose ? (f) => console.log(`${f.status.padEnd(9)} ${f.path}${f.reused ? " (unchanged)" : ""}${f.reason && f.status !== "extracted" ? ` — ${f.reason}` : ""}`) : undefined,
    });
    progress?.done();
    const c = report.counts;
    for (const f of report.failures) console.error(`failed: ${f.path}: ${f.reason}`);
    if (!quiet) {
      console.log(
        `files ${c.files} · extracted ${c.extracted} · skipped ${c.skipped} · failed ${c.failed}` +
          (c.unsupported ? ` · unsupported ${c.unsupported}` : "") +
          ` · agreements ${c.agreements} · processed ${c.processed}, unchanged ${c.reused}, removed ${c.removed} · ${(report.durationMs / 1000).toFixed(1)} s → ${report.output}`,
      );
    }
    return c.failed > 0 ? 1 : 0;
  } catch (e) {
    if (e instanceof RuleLoadError || e instanceof UsageError || e instanceof LockedError) {
      console.error(`error: ${e.message}`);
      return 2;
    }
    throw e;
  }
}

/** A line that updates in place on a terminal; plain lines every 15 s in a log. */
function progressPrinter(): { update: (p: Progress) => void; done: () => void } {
  const tty = process.stderr.isTTY === true;
  let lastLog = 0;
  let shown = false;
  return {
    update(p) {
      const rate = p.done / Math.max(0.001, p.elapsedMs / 1000);
      const remaining = rate > 0 ? (p.total - p.done) / rate : 0;
      const line = `${p.done}/${p.total} files · ${rate.toFixed(1)}/s · ${Math.ceil(remaining)} s left`;
      if (tty) {
        process.stderr.write(`\r${line}   `);
        shown = true;
      } else if (p.elapsedMs - lastLog >= 15000) {
        lastLog = p.elapsedMs;
        process.stderr.write(`${new Date().toISOString()} ${line}\n`);
      }
    },
    done() {
      if (shown) process.stderr.write("\r\x1b[K");
    },
  };
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    console.error(`unexpected error: ${(e as Error).stack ?? String(e)}`);
    process.exitCode = 1;
  },
);
