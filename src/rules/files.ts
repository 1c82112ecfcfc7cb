/**
 * The rule files of a folder and their hash, without parsing them: what a rerun needs
 * to know whether the rules changed (parsing and compiling them costs more).
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export class RuleLoadError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly ruleId: string | null,
    readonly detail: string,
  ) {
    super(`${file}${line ? `:${line}` : ""}${ruleId ? ` [${ruleId}]` : ""}: ${detail}`);
    this.name = "RuleLoadError";
  }
}

export interface RuleFiles {
  names: string[];
  sources: Map<string, string>;
  /** sha256 of every file's name and content */
  hash: string;
}

export function readRuleFiles(dir: string): RuleFiles {
  let names: string[];
  try {
    names = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
  } catch (e) {
    throw new RuleLoadError(dir, null, null, `cannot read the rules folder: ${(e as Error).message}`);
  }
  if (names.length === 0) throw new RuleLoadError(dir, null, null, "no rule files (*.yaml)");
  const hash = createHash("sha256");
  const sources = new Map<string, string>();
  for (const name of names) {
    const source = readFileSync(join(dir, name), "utf8");
    sources.set(name, source);
    hash.update(name).update("\0").update(source).update("\0");
  }
  return { names, sources, hash: hash.digest("hex") };
}
