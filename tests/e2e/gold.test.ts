import { describe, expect, it } from "vitest";
import { checkGold } from "../../src/eval/check-gold.js";
import { loadFixtures } from "../../src/eval/evaluate.js";

describe("gold fixtures", () => {
  it("are complete and valid (schema, codes that exist, signatories among people)", () => {
    expect(checkGold("tests/fixtures")).toEqual([]);
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
