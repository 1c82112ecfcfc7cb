/**
 * What a record depends on besides its input: the program (its compiled code)
 * and the rules. A rerun reuses a record only when both are unchanged.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
/** the folder of the program's code: dist/ when built, src/ under the test runner */
const codeRoot = dirname(here);

export const PROGRAM_NAME = "coop-extract";

export function packageVersion(): string {
  return (require(join(dirname(codeRoot), "package.json")) as { version: string }).version;
}

let programHash: string | undefined;

/** sha256 of every code file of the program, so that any code change invalidates reused records. */
export function programVersion(): string {
  if (programHash) return programHash;
  const h = createHash("sha256").update(packageVersion());
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(js|ts)$/.test(name) && !name.endsWith(".d.ts")) h.update(name).update(readFileSync(p));
    }
  };
  walk(codeRoot);
  programHash = h.digest("hex").slice(0, 16);
  return programHash;
}
