/**
 * The command line as a user runs it (the built program, in a temporary folder):
 * exit codes, outputs, a clean console, determinism, reruns, rule errors.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { Article } from "../../src/schema/record.js";

const CLI = resolve("dist/cli.js");

function cli(args: string[], cwd = process.cwd()) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: "utf8", env: { ...process.env, FORCE_COLOR: "0" } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function tempCorpus(): { dir: string; corpus: string; out: string } {
  const dir = mkdtempSync(join(tmpdir(), "coop-cli-"));
  cpSync("corpus", join(dir, "corpus"), { recursive: true });
  return { dir, corpus: join(dir, "corpus"), out: join(dir, "output") };
}

const articles = (out: string) => Object.fromEntries(readdirSync(join(out, "articles")).sort().map((f) => [f, readFileSync(join(out, "articles", f), "utf8")]));

describe("command line", () => {
  beforeAll(() => {
    expect(existsSync(CLI), "run `npm run build` first (npm test does)").toBe(true);
  });

  it("documents every option with --help", () => {
    const r = cli(["--help"]);
    expect(r.code).toBe(0);
    for (const opt of ["--corpus", "--out", "--rules", "--explain", "--force", "--jobs", "--max-bytes", "--quiet", "--verbose"]) expect(r.stdout).toContain(opt);
  });

  it("exits 2 on an unknown option", () => {
    const r = cli(["--nope"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Unknown option/);
  });

  it("processes a corpus into valid records, with one summary line and no library noise", () => {
    const t = tempCorpus();
    const r = cli(["--corpus", t.corpus, "--out", t.out]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split("\n")).toHaveLength(1);
    expect(r.stdout).toMatch(/files 5 · extracted 5 · skipped 0 · failed 0 · agreements \d+/);
    expect(r.stderr).toBe("");
    expect(r.stdout + r.stderr).not.toMatch(/dotenv|injected env|\[dotenv/);
    const files = articles(t.out);
    expect(Object.keys(files)).toHaveLength(5);
    for (const body of Object.values(files)) expect(Article.safeParse(JSON.parse(body)).success).toBe(true);
    const lines = readFileSync(join(t.out, "agreements.jsonl"), "utf8").trim().split("\n");
    const run = JSON.parse(readFileSync(join(t.out, "run.json"), "utf8"));
    expect(lines.length).toBe(run.counts.agreements);
    expect(JSON.parse(lines[0]!)).toMatchObject({ articleId: expect.any(String), sourcePath: expect.any(String), type: expect.any(String) });
    expect(JSON.parse(readFileSync(join(t.out, "schema", "article.schema.json"), "utf8")).properties.agreements).toBeDefined();
    expect(readdirSync(join(t.out, "trace"))).toHaveLength(5);
  });

  it("gives byte-identical article files on a rerun, a forced rerun, and with one or two workers", () => {
    const t = tempCorpus();
    expect(cli(["--corpus", t.corpus, "--out", t.out, "--jobs", "2"]).code).toBe(0);
    const first = articles(t.out);
    const again = cli(["--corpus", t.corpus, "--out", t.out]);
    expect(again.stdout).toMatch(/processed 0, unchanged 5/);
    expect(articles(t.out)).toEqual(first);
    expect(cli(["--corpus", t.corpus, "--out", t.out, "--force", "--jobs", "1"]).stdout).toMatch(/processed 5, unchanged 0/);
    expect(articles(t.out)).toEqual(first);
  });

  it("stops with exit 2 and writes nothing when a rule file is broken", () => {
    const t = tempCorpus();
    const rules = join(t.dir, "rules");
    cpSync("rules", rules, { recursive: true });
    writeFileSync(join(rules, "sectors.yaml"), readFileSync(join(rules, "sectors.yaml"), "utf8").replace("sector: tourism", "sector: tourisme"));
    const r = cli(["--corpus", t.corpus, "--out", t.out, "--rules", rules]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/sectors\.yaml:\d+ \[sector\.tourism\]/);
    expect(existsSync(t.out)).toBe(false);
  });

  it("explains each value with its rule and text", () => {
    const r = cli(["--explain", "corpus/003_c1dc2ae50ea910bc.txt"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/agreements\[0\]\.status = "signed"\s+\[status\.signed\.past\] @\d+-\d+ "ont signé"/);
    expect(r.stdout).toMatch(/agreements\[0\]\.place = "Hangzhou"/);
  });
});
