import { describe, expect, it } from "vitest";
import { deserialize, serialize } from "node:v8";
import { EntryIndex } from "../../src/reference/entry-index.js";
import type { PlaceEntry } from "../../src/reference/gazetteer.js";
import { Gazetteer, cleanSubdivisionName } from "../../src/reference/gazetteer.js";
import { RuleSet } from "../../src/rules/load.js";
import { foldKey } from "../../src/text/fold.js";

const e = (name: string, over: Partial<PlaceEntry> = {}): PlaceEntry => ({ name, kind: "city", type: "city", country: "DE", code: null, population: 0, free: true, ...over });

describe("EntryIndex", () => {
  it("gives back every entry of every key, in order, after a trip through the cache's serialisation", () => {
    const map = new Map<string, PlaceEntry[]>([
      ["guadalajara", [e("Guadalajara", { country: "MX", population: 1_460_000 }), e("Guadalajara", { country: "ES", population: 84_000, free: false })]],
      ["bade-wurtemberg", [e("Bade-Wurtemberg", { kind: "state", type: "subdivision", code: "DE-BW" })]],
      ["europe", [e("Europe", { country: null })]],
    ]);
    const index = new EntryIndex(deserialize(serialize(EntryIndex.from(map).columns)));
    for (const [key, list] of map) expect(index.get(key)).toEqual(list);
    expect(index.get("nowhere")).toEqual([]);
    expect(index.has("europe")).toBe(true);
    expect(index.keys()).toEqual([...map.keys()]);
    // the same array each time a key is looked up
    expect(index.get("guadalajara")).toBe(index.get("guadalajara"));
  });
});

describe("Gazetteer", () => {
  it("reads back from its cache what it built", () => {
    const rules = RuleSet.load("rules");
    const built = new Gazetteer(rules);
    const cached = Gazetteer.load(rules);
    for (const name of ["Bourgogne-Franche-Comté", "Rhénanie-Palatinat", "Paris", "Sénégal", "Guadalajara", "Québec", "Saint-Louis", "Kumamoto"]) {
      const key = foldKey(name);
      expect(cached.lookup(key), name).toEqual(built.lookup(key));
      expect(built.lookup(key).length, name).toBeGreaterThan(0);
    }
    expect(cached.subdivisionNamed("DE", foldKey("Bavière"))?.code).toBe("DE-BY");
    expect(cached.firstNames.has("claire")).toBe(true);
    expect(cached.maxTokens).toBe(built.maxTokens);
  });
});

describe("cleanSubdivisionName", () => {
  it("keeps each name of a bilingual subdivision, and a name without its leading article", () => {
    expect(cleanSubdivisionName("Araba/Álava", [])).toEqual(["Araba", "Álava"]);
    expect(cleanSubdivisionName("L'Oriental", [])).toEqual(["L'Oriental", "Oriental"]);
    expect(cleanSubdivisionName("Zhejiang Sheng", [" Sheng"])).toEqual(["Zhejiang"]);
  });
});
