/** Where the outputs of an article go, and the stem of a corpus path. */
import { basename, join } from "node:path";

/** "news/2024/a.txt" → "news__2024__a" */
export function stemOf(relPath: string): string {
  const posix = relPath.split("\\").join("/");
  const dot = basename(posix).lastIndexOf(".");
  const noExt = dot > 0 ? posix.slice(0, posix.length - (basename(posix).length - dot)) : posix;
  return noExt.split("/").join("__");
}

export function articlePath(outDir: string, id: string): string {
  return join(outDir, "articles", `${id}.json`);
}

export function tracePath(outDir: string, id: string): string {
  return join(outDir, "trace", `${id}.json`);
}
