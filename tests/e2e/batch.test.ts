/**
 * The nightly batch with the inputs a communications team really drops into
 * corpus/: each case builds the bad input in a temporary folder and checks its
 * status and reason, and that the other files were still extracted.
 */
import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { Article } from "../../src/schema/record.js";

const CLI = resolve("dist/cli.js");
const SEED = readFileSync("corpus/003_c1dc2ae50ea910bc.txt", "utf8");
const SHORT = "Rennes, le 4 mars 2024 – La Région Bretagne et le Land de Saxe ont signé hier un accord de coopération pour trois ans. « Une étape », a déclaré Loïg Chesnais-Girard, président de la Région.";

interface RunFile {
  path: string;
  id: string | null;
  status: string;
  reason: string | null;
  reused: boolean;
  duplicateOf: string | null;
}
interface Run {
  counts: Record<string, number>;
  files: RunFile[];
  removed: string[];
  failures: { path: string; reason: string }[];
}

function workspace(files: Record<string, string | Buffer> = {}): { dir: string; corpus: string; out: string } {
  const dir = mkdtempSync(join(tmpdir(), "coop-batch-"));
  const corpus = join(dir, "corpus");
  mkdirSync(corpus);
  for (const [name, body] of Object.entries(files)) {
    mkdirSync(join(corpus, name, ".."), { recursive: true });
    writeFileSync(join(corpus, name), body);
  }
  return { dir, corpus, out: join(dir, "out") };
}

function cli(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", env: { ...process.env, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function runOn(w: { corpus: string; out: string }, extra: string[] = [], env: Record<string, string> = {}) {
  const r = cli(["--corpus", w.corpus, "--out", w.out, "--jobs", "1", ...extra], env);
  const run = JSON.parse(readFileSync(join(w.out, "run.json"), "utf8")) as Run;
  return { ...r, run, file: (path: string) => run.files.find((f) => f.path === path)! };
}

function record(out: string, id: string): Article {
  return Article.parse(JSON.parse(readFileSync(join(out, "articles", `${id}.json`), "utf8")));
}

describe("inputs that must not hurt", () => {
  beforeAll(() => expect(existsSync(CLI), "npm run build first").toBe(true));

  it("decodes UTF-8 with and without BOM, UTF-16 with BOM, Windows-1252 and broken UTF-8, and CRLF", () => {
    // as Word writes it: "–" is 0x96 and "’" 0x92 in Windows-1252, the rest as in Latin-1
    const toCp1252 = (s: string) => Buffer.from([...s].map((c) => ({ "–": 0x96, "’": 0x92, "«": 0xab, "»": 0xbb })[c] ?? c.charCodeAt(0)));
    const cp1252 = toCp1252(SHORT.replace("un accord", "l’accord"));
    const broken = Buffer.concat([Buffer.from(SHORT, "utf8"), Buffer.from([0xc3, 0x28]), Buffer.from(" Fin.", "utf8")]);
    const w = workspace({
      "utf8.txt": SHORT,
      "bom.txt": Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SHORT)]),
      "utf16.txt": Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SHORT, "utf16le")]),
      "cp1252.txt": cp1252,
      "broken.txt": broken,
      "crlf.txt": SHORT.replace(/ « /, "\r\n« ").replace(/\. /g, ".\r\n"),
    });
    const r = runOn(w);
    expect(r.code).toBe(0);
    const expected: Record<string, string> = { utf8: "utf-8", bom: "utf-8-bom", utf16: "utf-16le", cp1252: "windows-1252", broken: "utf-8", crlf: "utf-8" };
    for (const [id, encoding] of Object.entries(expected)) {
      const a = record(w.out, id);
      expect(a.status, id).toBe("extracted");
      expect(a.source.encoding, id).toBe(encoding);
      expect(a.agreements.map((x) => x.parties.map((p) => p.code).sort()), id).toEqual([["DE-SN", "FR-BRE"]]);
      expect(a.people[0]?.name, id).toBe("Loïg Chesnais-Girard");
      // spans point into the decoded text, whatever the encoding
      const raw = id === "utf16" ? SHORT : null;
      if (raw) expect(raw.slice(a.people[0]!.mentions[0]!.start, a.people[0]!.mentions[0]!.end)).toBe("Loïg Chesnais-Girard");
    }
    expect(record(w.out, "cp1252").warnings.join(" ")).toMatch(/Windows-1252/);
    expect(record(w.out, "cp1252").publishedOn?.text).toBe("4 mars 2024");
    expect(record(w.out, "cp1252").agreements[0]!.evidence.length).toBeGreaterThan(0);
    expect(record(w.out, "broken").warnings.join(" ")).toMatch(/invalid UTF-8/);
  });

  it("keeps going past empty, blank, binary, NUL-bearing and unsupported files", () => {
    const w = workspace({
      "good.txt": SHORT,
      "empty.txt": "",
      "blank.txt": " \n\t\n ",
      "image.txt": Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 1, 2, 3, 0, 0, 0, 0]),
      "nul.txt": `${SHORT}\u0000\n`,
      "report.pdf": "%PDF-1.4 …",
      "notes.docx": Buffer.from([0x50, 0x4b, 3, 4]),
    });
    const r = runOn(w);
    expect(r.code).toBe(0);
    expect(r.file("good.txt").status).toBe("extracted");
    expect(r.file("empty.txt")).toMatchObject({ status: "skipped", reason: "empty file" });
    expect(r.file("blank.txt")).toMatchObject({ status: "skipped", reason: "no text (only white space)" });
    expect(r.file("image.txt").status).toBe("skipped");
    expect(r.file("image.txt").reason).toMatch(/binary/);
    expect(r.file("nul.txt").status).toBe("extracted");
    expect(record(w.out, "nul").warnings).toContain("NUL characters removed");
    expect(r.file("report.pdf")).toMatchObject({ status: "unsupported", id: null });
    expect(r.file("report.pdf").reason).toMatch(/unsupported file type \(\.pdf\)/);
    expect(r.file("notes.docx").status).toBe("unsupported");
    expect(existsSync(join(w.out, "articles", "report.json"))).toBe(false);
    expect(r.run.counts).toMatchObject({ extracted: 2, skipped: 3, unsupported: 2, failed: 0 });
  });

  it("reads nested folders and odd names, and survives a symbolic-link loop", () => {
    const w = workspace({
      "2024/mars/région bretagne.txt": SHORT,
      "dossier #1 (copie)/l'été.txt": SEED,
      "a/b/c/d/e.txt": SHORT.replace("Saxe", "Bavière"),
    });
    symlinkSync(join(w.corpus, "a"), join(w.corpus, "a", "b", "loop"));
    const r = runOn(w);
    expect(r.code).toBe(0);
    expect(r.file("2024/mars/région bretagne.txt")).toMatchObject({ status: "extracted", id: "2024__mars__région bretagne" });
    expect(r.file("dossier #1 (copie)/l'été.txt").status).toBe("extracted");
    expect(r.file("a/b/c/d/e.txt").status).toBe("extracted");
    expect(r.run.files.some((f) => f.reason?.includes("symbolic link loop"))).toBe(true);
    expect(record(w.out, "2024__mars__région bretagne").source.path).toBe("2024/mars/région bretagne.txt");
  });

  it("skips a file over the size limit with a clear reason, and reads a very long line in bounded time", () => {
    const longLine = `${SHORT} ${"la coopération régionale se poursuit avec les partenaires ".repeat(4000)}`;
    const w = workspace({ "big.txt": "x".repeat(300_000), "long.txt": longLine, "good.txt": SHORT });
    const t0 = Date.now();
    const r = runOn(w, ["--max-bytes", "250000"]);
    expect(Date.now() - t0).toBeLessThan(60_000);
    expect(r.code).toBe(0);
    expect(r.file("big.txt").status).toBe("skipped");
    expect(r.file("big.txt").reason).toMatch(/file too large \(0\.3 MB, limit 0\.2 MB\)/);
    expect(record(w.out, "big").source.bytes).toBe(300_000);
    expect(r.file("long.txt").status).toBe("extracted");
    expect(r.file("good.txt").status).toBe("extracted");
  });

  it("warns about malformed front matter and still extracts the article", () => {
    const w = workspace({ "fm.txt": `---\ntitle: [unclosed\ndate: 2024-03-04\n---\n${SHORT}` });
    const r = runOn(w);
    expect(r.file("fm.txt").status).toBe("extracted");
    const a = record(w.out, "fm");
    expect(a.warnings.join(" ")).toMatch(/malformed front matter/);
    expect(a.agreements).toHaveLength(1);
  });

  it("skips an article in another language, with its language", () => {
    const w = workspace({
      "en.txt": "The State of Louisiana and the Pays de la Loire region signed on Tuesday a memorandum of understanding to develop exchanges between their universities and companies.",
      "fr.txt": SHORT,
    });
    const r = runOn(w);
    expect(r.file("en.txt")).toMatchObject({ status: "skipped" });
    expect(r.file("en.txt").reason).toMatch(/not in French \(eng\)/);
    expect(record(w.out, "en").language.code).toBe("eng");
    expect(record(w.out, "en").agreements).toEqual([]);
    expect(r.file("fr.txt").status).toBe("extracted");
  });

  it("processes two identical files and flags the second", () => {
    const w = workspace({ "a.txt": SHORT, "copie/a.txt": SHORT });
    const r = runOn(w);
    expect(r.file("a.txt")).toMatchObject({ status: "extracted", duplicateOf: null });
    expect(r.file("copie/a.txt")).toMatchObject({ status: "extracted", duplicateOf: "a.txt" });
    expect(record(w.out, "copie__a").warnings).toContain("same content as a.txt");
  });

  it("records a failure with its reason, exits 1, and writes the other files", () => {
    const w = workspace({ "boom.txt": SHORT, "good.txt": SEED });
    const r = runOn(w, [], { COOP_EXTRACT_FAULT: "boom" });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/failed: boom\.txt: pipeline error/);
    expect(r.run.failures).toHaveLength(1);
    const failed = record(w.out, "boom");
    expect(failed.status).toBe("failed");
    expect(failed.error).toMatch(/fault injected/);
    expect(record(w.out, "good").status).toBe("extracted");
  });
});

describe("worker threads", () => {
  // with one worker, the file queued behind the one that killed it must go to the new worker
  it.each(["1", "2"])("fails only the file whose worker died (out of memory, a crash), starts another worker, and goes on (--jobs %s)", (jobs) => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 60; i++) files[`a${String(i).padStart(2, "0")}.txt`] = `${SHORT}\nRéférence ${i}.`;
    const w = workspace(files);
    // 60 files: enough for the worker pool (fewer are processed in the main thread)
    const r = cli(["--corpus", w.corpus, "--out", w.out, "--jobs", jobs], { COOP_EXTRACT_CRASH: "a17" });
    const run = JSON.parse(readFileSync(join(w.out, "run.json"), "utf8")) as Run;
    expect(r.code).toBe(1);
    expect(run.failures).toEqual([{ path: "a17.txt", reason: expect.stringMatching(/^the worker processing this file stopped/) }]);
    expect(record(w.out, "a17").status).toBe("failed");
    expect(run.counts).toMatchObject({ files: 60, extracted: 59, failed: 1 });
    expect(record(w.out, "a59").agreements).toHaveLength(1);
  });
});

describe("writing safely", () => {
  it("leaves only whole records when killed (SIGKILL), and the next run completes the work", async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 120; i++) files[`a${String(i).padStart(3, "0")}.txt`] = `${SEED}\nRéférence ${i}.`;
    const w = workspace(files);
    const child = spawn(process.execPath, [CLI, "--corpus", w.corpus, "--out", w.out, "--jobs", "1", "--quiet"], { stdio: "ignore" });
    const articles = join(w.out, "articles");
    await new Promise<void>((done) => {
      const timer = setInterval(() => {
        const n = existsSync(articles) ? readdirSync(articles).filter((f) => f.endsWith(".json")).length : 0;
        if (n >= 10 || child.exitCode !== null) {
          clearInterval(timer);
          child.kill("SIGKILL");
          done();
        }
      }, 20);
    });
    await new Promise((done) => child.once("exit", done));
    // every record there is whole
    for (const f of readdirSync(articles).filter((x) => x.endsWith(".json"))) {
      expect(() => Article.parse(JSON.parse(readFileSync(join(articles, f), "utf8"))), f).not.toThrow();
    }
    expect(readdirSync(articles).filter((x) => x.endsWith(".json")).length).toBeLessThan(120);
    // the next run takes the lock left behind, cleans up, and does the rest
    const r = runOn(w);
    expect(r.code).toBe(0);
    expect(r.run.counts.extracted).toBe(120);
    expect(readdirSync(articles).filter((x) => x.endsWith(".tmp"))).toEqual([]);
    expect(readdirSync(articles).filter((x) => x.endsWith(".json"))).toHaveLength(120);
  });

  it("refuses a second run on the same output folder while the first one holds it", () => {
    const w = workspace({ "a.txt": SHORT });
    mkdirSync(w.out, { recursive: true });
    const sleeper = spawn(process.execPath, ["-e", "setTimeout(() => {}, 30000)"]);
    try {
      writeFileSync(join(w.out, ".lock"), `${sleeper.pid}\n`);
      const r = cli(["--corpus", w.corpus, "--out", w.out]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`another run \\(pid ${sleeper.pid}\\) is writing to`));
      expect(existsSync(join(w.out, "articles"))).toBe(false);
    } finally {
      sleeper.kill("SIGKILL");
    }
  });
});

describe("incremental runs", () => {
  it("reuses unchanged files, reprocesses changed ones, removes records of deleted ones, and rewrites nothing when nothing changed", () => {
    const w = workspace();
    cpSync("corpus", w.corpus, { recursive: true });
    const first = runOn(w);
    expect(first.run.counts).toMatchObject({ files: 5, processed: 5, reused: 0 });
    const stamp = (p: string) => statSync(join(w.out, p)).mtimeMs;
    const watched = ["articles/000_8e4d770cedba1d2b.json", "trace/000_8e4d770cedba1d2b.json", "agreements.jsonl", "schema/article.schema.json"];
    const before = watched.map(stamp);

    const again = runOn(w);
    expect(again.run.counts).toMatchObject({ processed: 0, reused: 5, removed: 0 });
    expect(again.stdout).toMatch(/processed 0, unchanged 5, removed 0/);
    expect(watched.map(stamp)).toEqual(before);

    writeFileSync(join(w.corpus, "001_da96ee3e682ed152.txt"), `${readFileSync(join(w.corpus, "001_da96ee3e682ed152.txt"), "utf8")}\nMise à jour.`);
    rmSync(join(w.corpus, "002_31f91bbb2d4c4097.txt"));
    const changed = runOn(w);
    expect(changed.run.counts).toMatchObject({ files: 4, processed: 1, reused: 3, removed: 1 });
    expect(changed.run.removed).toEqual(["002_31f91bbb2d4c4097.txt"]);
    expect(existsSync(join(w.out, "articles", "002_31f91bbb2d4c4097.json"))).toBe(false);
    expect(readFileSync(join(w.out, "agreements.jsonl"), "utf8")).not.toMatch(/002_31f91bbb2d4c4097/);

    expect(runOn(w, ["--force"]).run.counts).toMatchObject({ processed: 4, reused: 0 });
  });

  it("keeps agreements.jsonl equal to a full rebuild after a change, and rebuilds it when a run was cut short", () => {
    const w = workspace();
    cpSync("corpus", w.corpus, { recursive: true });
    runOn(w);
    // a change in the page that lists eight agreements: its lines are re-read, the others copied
    const page = join(w.corpus, "004_f6347791ab7109bf.txt");
    writeFileSync(page, `${readFileSync(page, "utf8")}\nMise à jour du 15 février 2019.`);
    runOn(w);
    const fresh = { corpus: w.corpus, out: join(w.dir, "fresh") };
    runOn(fresh);
    const incremental = readFileSync(join(w.out, "agreements.jsonl"), "utf8");
    expect(incremental).toBe(readFileSync(join(fresh.out, "agreements.jsonl"), "utf8"));
    expect(incremental.split("\n").filter((l) => l.startsWith('{"articleId":"004_')).length).toBe(8);

    // a run killed after a checkpoint leaves the index marked stale: the next run rebuilds it, even with nothing to process
    const state = JSON.parse(readFileSync(join(w.out, ".state.json"), "utf8")) as { agreementsIndex?: boolean };
    expect(state.agreementsIndex).toBe(true);
    writeFileSync(join(w.out, ".state.json"), JSON.stringify({ ...state, agreementsIndex: false }));
    writeFileSync(join(w.out, "agreements.jsonl"), incremental.split("\n").slice(0, 2).join("\n"));
    expect(runOn(w).run.counts).toMatchObject({ processed: 0, reused: 5 });
    expect(readFileSync(join(w.out, "agreements.jsonl"), "utf8")).toBe(incremental);
  });

  it("processes everything again when a rule changes", () => {
    const w = workspace({ "a.txt": SHORT, "b.txt": SEED });
    const rules = join(w.dir, "rules");
    cpSync("rules", rules, { recursive: true });
    runOn(w, ["--rules", rules]);
    writeFileSync(join(rules, "sectors.yaml"), `${readFileSync(join(rules, "sectors.yaml"), "utf8")}\n# a comment is a change\n`);
    expect(runOn(w, ["--rules", rules]).run.counts).toMatchObject({ processed: 2, reused: 0 });
  });
});

describe("operations", () => {
  it("prints a line per file with --verbose and nothing with --quiet", () => {
    const w = workspace({ "a.txt": SHORT, "b.pdf": "%PDF" });
    const verbose = cli(["--corpus", w.corpus, "--out", w.out, "--verbose", "--jobs", "1"]);
    expect(verbose.stdout).toMatch(/^extracted\s+a\.txt$/m);
    const quiet = cli(["--corpus", w.corpus, "--out", w.out, "--quiet"]);
    expect(quiet.code).toBe(0);
    expect(quiet.stdout).toBe("");
    expect(quiet.stderr).toBe("");
  });

  it("exits 2 on a missing corpus folder, writing nothing", () => {
    const w = workspace();
    const r = cli(["--corpus", join(w.dir, "nope"), "--out", w.out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/corpus folder not found/);
    expect(existsSync(w.out)).toBe(false);
  });
});
