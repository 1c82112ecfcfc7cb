import { RuleSet } from "../src/rules/load.js";
import { createRuntime, type Runtime } from "../src/pipeline/env.js";
import { processArticle } from "../src/pipeline/stages.js";
import type { Doc } from "../src/pipeline/doc.js";

let rt: Runtime | undefined;

/** The runtime of the project's rules, built once per test file. */
export function runtime(): Runtime {
  rt ??= createRuntime(RuleSet.load("rules"));
  return rt;
}

/** Runs the whole pipeline on a text (as the content of a file). */
export function run(text: string, path = "test.txt"): Doc {
  return processArticle(path, Buffer.from(text, "utf8"), runtime());
}

/** The source text a span of the record points to. */
export function at(doc: Doc, span: { start: number; end: number }): string {
  return doc.raw.slice(span.start, span.end);
}
