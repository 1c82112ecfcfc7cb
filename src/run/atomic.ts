/**
 * Atomic file writes: the content goes to a temporary file in the same folder,
 * is flushed to disk, then renamed over the target. A reader (or a run killed
 * half-way) sees the old file or the new one, never a partial one.
 */
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, unlinkSync, writeSync, mkdirSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { randomBytes } from "node:crypto";

/**
 * `durable` also flushes the file to the disk before the rename (for the state and the
 * run report): without it the write is still atomic for readers and for a killed
 * process, which is what records need, and costs no disk flush per article.
 */
export function writeFileAtomic(path: string, content: string | Uint8Array, durable = false): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  const fd = openSync(tmp, "w");
  try {
    writeSync(fd, typeof content === "string" ? Buffer.from(content, "utf8") : content);
    if (durable) fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    try {
      unlinkSync(tmp);
    } catch {
      // already gone
    }
    throw e;
  }
  closeSync(fd);
  renameSync(tmp, path);
}

/** Writes only when the content differs from what is there (a no-change rerun touches nothing). */
export function writeIfChanged(path: string, content: string, durable = false): boolean {
  try {
    if (readFileSync(path, "utf8") === content) return false;
  } catch {
    // missing: write it
  }
  writeFileAtomic(path, content, durable);
  return true;
}
