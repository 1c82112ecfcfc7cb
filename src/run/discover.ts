/**
 * Finds the articles of a corpus folder: every file, in nested folders too,
 * in a stable order. Symbolic links are followed once (a loop is reported, not
 * followed again); files of an unsupported kind are listed as such.
 */
import { lstatSync, readdirSync, realpathSync, statSync, type Stats } from "node:fs";
import { extname, join, relative, sep } from "node:path";

export const TEXT_EXTENSIONS = new Set([".txt", ".text", ".md", ".markdown", ""]);

export interface Found {
  /** path relative to the corpus root, with "/" */
  relPath: string;
  absPath: string;
  size: number;
  mtimeMs: number;
}

export interface Skipped {
  relPath: string;
  reason: string;
}

export interface Discovery {
  files: Found[];
  /** files not read: unsupported kinds, unreadable entries, link loops */
  skipped: Skipped[];
}

export function discover(root: string): Discovery {
  const files: Found[] = [];
  const skipped: Skipped[] = [];
  const seenDirs = new Set<string>();
  const walk = (dir: string) => {
    let real: string;
    try {
      real = realpathSync(dir);
    } catch (e) {
      skipped.push({ relPath: rel(root, dir), reason: `unreadable folder: ${(e as Error).message}` });
      return;
    }
    if (seenDirs.has(real)) {
      skipped.push({ relPath: rel(root, dir), reason: "symbolic link loop: folder already read" });
      return;
    }
    seenDirs.add(real);
    let entries: string[];
    try {
      entries = readdirSync(dir).sort();
    } catch (e) {
      skipped.push({ relPath: rel(root, dir), reason: `unreadable folder: ${(e as Error).message}` });
      return;
    }
    for (const name of entries) {
      if (name.startsWith(".")) continue; // hidden files: .gitkeep, editor swap files
      const abs = join(dir, name);
      const relPath = rel(root, abs);
      let st: Stats;
      try {
        st = lstatSync(abs);
        if (st.isSymbolicLink()) st = statSync(abs);
      } catch (e) {
        skipped.push({ relPath, reason: `unreadable entry (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` });
        continue;
      }
      if (st.isDirectory()) {
        walk(abs);
      } else if (st.isFile()) {
        const ext = extname(name).toLowerCase();
        if (!TEXT_EXTENSIONS.has(ext)) skipped.push({ relPath, reason: `unsupported file type (${ext}): only plain text is read` });
        else files.push({ relPath, absPath: abs, size: st.size, mtimeMs: st.mtimeMs });
      } else {
        skipped.push({ relPath, reason: "not a regular file" });
      }
    }
  };
  walk(root);
  files.sort((a, b) => (a.relPath < b.relPath ? -1 : a.relPath > b.relPath ? 1 : 0));
  return { files, skipped };
}

function rel(root: string, abs: string): string {
  return relative(root, abs).split(sep).join("/");
}
