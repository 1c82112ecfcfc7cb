import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkGold } from "../../src/eval/check-gold.js";
import { loadFixtures } from "../../src/eval/evaluate.js";

describe("gold fixtures", () => {
  it("are complete and valid (schema, codes that exist, signatories among people)", () => {
    expect(checkGold("tests/fixtures")).toEqual([]);
  });
  it("of the blind batches are valid too, checked from the command line as npm run eval takes its folder", () => {
    const r = spawnSync(process.execPath, ["dist/eval/check-gold.js", "--fixtures", "tests/blind"], { encoding: "utf8" });
    expect(r.stdout).toContain("gold fixtures OK");
    expect(r.status).toBe(0);
    const dir = mkdtempSync(join(tmpdir(), "gold-"));
    mkdirSync(join(dir, "articles"));
    mkdirSync(join(dir, "gold"));
    writeFileSync(join(dir, "articles", "900_x.txt"), "Un article sans gold.");
    const bad = spawnSync(process.execPath, ["dist/eval/check-gold.js", "--fixtures", dir], { encoding: "utf8" });
    expect(bad.stdout).toContain("article without a gold record");
    expect(bad.status).toBe(1);
  });
  it("hold enough articles, a third of them in the test part", () => {
    const fixtures = loadFixtures("tests/fixtures");
    const test = fixtures.filter((f) => f.gold.split === "test").length;
    expect(fixtures.length).toBeGreaterThanOrEqual(40);
    expect(test / fixtures.length).toBeGreaterThanOrEqual(1 / 3);
    expect(fixtures.filter((f) => f.gold.language !== "fra").length).toBeGreaterThanOrEqual(4);
    expect(fixtures.filter((f) => f.gold.status === "extracted" && f.gold.agreements.length === 0).length).toBeGreaterThanOrEqual(8);
  });
});
