import { describe, expect, it } from "vitest";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AtomicFileWriter, writeFileAtomic, writeIfChanged } from "../../src/run/atomic.js";

const scratch = () => mkdtempSync(join(tmpdir(), "atomic-"));

describe("atomic writes", () => {
  it("makes the folder, writes the content and leaves no temporary file", () => {
    const dir = scratch();
    const file = join(dir, "a", "b", "x.json");
    writeFileAtomic(file, "one");
    writeFileAtomic(file, "two");
    expect(readFileSync(file, "utf8")).toBe("two");
    expect(readdirSync(join(dir, "a", "b"))).toEqual(["x.json"]);
    rmSync(dir, { recursive: true });
  });

  it("writes again into a folder removed since it was made", () => {
    const dir = scratch();
    const file = join(dir, "out", "x.json");
    writeFileAtomic(file, "first");
    rmSync(join(dir, "out"), { recursive: true });
    writeFileAtomic(file, "second");
    expect(readFileSync(file, "utf8")).toBe("second");
    const w = new AtomicFileWriter(file);
    rmSync(join(dir, "out"), { recursive: true });
    w.abort();
    const w2 = new AtomicFileWriter(file);
    w2.write("third");
    expect(w2.commit()).toBe(true);
    expect(readFileSync(file, "utf8")).toBe("third");
    rmSync(dir, { recursive: true });
  });

  it("touches nothing when the content is what is there", () => {
    const dir = scratch();
    const file = join(dir, "x.jsonl");
    const w = new AtomicFileWriter(file);
    w.write("a\n");
    w.write("b\n");
    expect(w.commit()).toBe(true);
    const same = new AtomicFileWriter(file);
    same.write("a\nb\n");
    expect(same.commit()).toBe(false);
    expect(writeIfChanged(file, "a\nb\n")).toBe(false);
    expect(writeIfChanged(file, "c\n")).toBe(true);
    expect(readFileSync(file, "utf8")).toBe("c\n");
    expect(readdirSync(dir)).toEqual(["x.jsonl"]);
    rmSync(dir, { recursive: true });
  });
});
