/**
 * The accuracy gate: the pipeline on the gold fixtures must hold the figures
 * committed in tests/eval-thresholds.json, on the dev and the test parts.
 */
import { describe, expect, it } from "vitest";
import { evaluate, headline, loadFixtures } from "../../src/eval/evaluate.js";
import { belowThresholds, loadThresholds } from "../../src/eval/thresholds.js";
import { runtime } from "../helpers.js";

describe("accuracy gate", () => {
  const report = evaluate(loadFixtures("tests/fixtures"), runtime());
  it("runs the pipeline on every fixture without failure", () => {
    expect(report.articles.filter((a) => a.misses.some((m) => m.startsWith("pipeline failed")))).toEqual([]);
  });
  it("holds the committed thresholds", () => {
    const below = belowThresholds(report, loadThresholds());
    expect(below, `figures below their threshold:\n${below.join("\n")}\n(npm run eval shows the misses)`).toEqual([]);
  });
  it("detects the language of every fixture", () => {
    expect(headline(report, "all").languageAccuracy).toBe(1);
  });
});
