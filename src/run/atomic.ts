/**
 * Atomic file writes: the content goes to a temporary file in the same folder,
 * is flushed to disk, then renamed over the target. A reader (or a run killed
 * half-way) sees the old file or the new one, never a partial one.
 */
import { closeSync, fsyncSync, openSync, readFileSync, readSync, renameSync, statSync, unlinkSync, writeSync, mkdirSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { createHash } from "node:crypto";
import { StringDecoder } from "node:string_decoder";
import { threadId } from "node:worker_threads";

/** folders this thread has made sure exist (a run writes thousands of files into two folders) */
const madeDirs = new Set<string>();
/** numbers the temporary files of this thread: with the process and thread ids, a unique name */
let tempCount = 0;

/** A temporary file next to `path` (its folder created), named so that a later run can clean it up. */
function tempPathFor(path: string): string {
  const dir = dirname(path);
  if (!madeDirs.has(dir)) {
    mkdirSync(dir, { recursive: true });
    madeDirs.add(dir);
  }
  return join(dir, `.${basename(path)}.${process.pid}-${threadId}-${++tempCount}.tmp`);
}

/** Opens a new temporary file for `path`; a folder removed since this thread made it is made again. */
function openTemp(path: string, retry = true): { tmp: string; fd: number } {
  const tmp = tempPathFor(path);
  try {
    return { tmp, fd: openSync(tmp, "w") };
  } catch (e) {
    if (!retry || (e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
    madeDirs.delete(dirname(path));
    return openTemp(path, false);
  }
}

/**
 * `durable` also flushes the file to the disk before the rename (for the state and the
 * run report): without it the write is still atomic for readers and for a killed
 * process, which is what records need, and costs no disk flush per article.
 */
export function writeFileAtomic(path: string, content: string | Uint8Array, durable = false): void {
  const { tmp, fd } = openTemp(path);
  try {
    // a string is written as is: no Buffer of its own to allocate and collect per file
    if (typeof content === "string") writeSync(fd, content, null, "utf8");
    else writeSync(fd, content);
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

/**
 * A large file written in pieces, atomically: the pieces go to a temporary file, and
 * `commit` renames it over the target only when its content differs (a no-change run
 * touches nothing). Memory stays that of one piece, whatever the file's size.
 */
export class AtomicFileWriter {
  private readonly tmp: string;
  private readonly fd: number;
  private readonly hash = createHash("sha256");
  private size = 0;

  constructor(private readonly path: string) {
    ({ tmp: this.tmp, fd: this.fd } = openTemp(path));
  }

  write(text: string): void {
    const buf = Buffer.from(text, "utf8");
    this.hash.update(buf);
    this.size += buf.length;
    writeSync(this.fd, buf);
  }

  /** Renames the new content into place; false (and nothing touched) when it is what was there. */
  commit(): boolean {
    closeSync(this.fd);
    const digest = this.hash.digest("hex");
    let same = false;
    try {
      same = statSync(this.path).size === this.size && hashFileSync(this.path) === digest;
    } catch {
      // missing: write it
    }
    if (same) {
      unlinkSync(this.tmp);
      return false;
    }
    renameSync(this.tmp, this.path);
    return true;
  }

  abort(): void {
    try {
      closeSync(this.fd);
    } catch {
      // closed already
    }
    try {
      unlinkSync(this.tmp);
    } catch {
      // already gone
    }
  }
}

/** one buffer for every file hashed by this thread (a fresh 1 MB buffer per file churned the allocator) */
const hashBuffer = Buffer.allocUnsafe(1 << 16);

/** The sha256 of a file, read in pieces. */
export function hashFileSync(path: string): string {
  const h = createHash("sha256");
  const fd = openSync(path, "r");
  try {
    for (let n = readSync(fd, hashBuffer); n > 0; n = readSync(fd, hashBuffer)) h.update(hashBuffer.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return h.digest("hex");
}

/** The lines of a text file, read in pieces (a missing file has none). */
export function* readLines(path: string): Generator<string> {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch {
    return;
  }
  try {
    const buf = Buffer.allocUnsafe(1 << 20);
    const decoder = new StringDecoder("utf8");
    let rest = "";
    for (let n = readSync(fd, buf); n > 0; n = readSync(fd, buf)) {
      const parts = (rest + decoder.write(buf.subarray(0, n))).split("\n");
      rest = parts.pop()!;
      yield* parts;
    }
    rest += decoder.end();
    if (rest) yield rest;
  } finally {
    closeSync(fd);
  }
}
