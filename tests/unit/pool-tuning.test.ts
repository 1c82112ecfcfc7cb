import { describe, expect, it } from "vitest";
import { tuneForPool } from "../../src/run/pool-tuning.js";

describe("tuneForPool", () => {
  it("leaves V8 alone while a core is left for its background compiler", () => {
    expect(tuneForPool(1, 2)).toEqual([]);
    expect(tuneForPool(3, 8)).toEqual([]);
  });
  it("compiles on the workers' own threads and grows heaps by small steps when the workers fill every core", () => {
    expect(tuneForPool(2, 2)).toEqual(["--no-concurrent-recompilation", "--heap-growing-percent=20"]);
    expect(tuneForPool(4, 2)).toContain("--no-concurrent-recompilation");
  });
});
