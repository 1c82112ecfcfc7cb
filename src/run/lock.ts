/**
 * One run at a time per output folder: a lock file holding the pid of the run.
 * A lock left by a run that died (its pid is gone) is taken over.
 */
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { join } from "node:path";

export class LockedError extends Error {}

export interface Lock {
  release(): void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function acquireLock(outDir: string): Lock {
  mkdirSync(outDir, { recursive: true });
  const path = join(outDir, ".lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, "wx");
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          unlinkSync(path);
        } catch {
          // already gone
        }
      };
      process.once("exit", release);
      return { release };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      let pid = NaN;
      try {
        pid = Number.parseInt(readFileSync(path, "utf8"), 10);
      } catch {
        // unreadable lock: treat as stale
      }
      if (Number.isFinite(pid) && pid !== process.pid && alive(pid)) {
        throw new LockedError(`another run (pid ${pid}) is writing to ${outDir}; wait for it to finish, or remove ${path} if it is not running`);
      }
      try {
        unlinkSync(path); // stale lock of a run that died
      } catch {
        // someone else removed it
      }
    }
  }
  throw new LockedError(`could not lock ${outDir}`);
}
