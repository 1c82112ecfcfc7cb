/**
 * Reference data from well-kept packages: ISO 3166-1 (i18n-iso-countries), ISO 3166-2
 * (iso-3166) and the official French administrative divisions (@etalab/decoupage-administratif).
 * Everything here is loaded lazily and once per process.
 */
import { createRequire } from "node:module";
import { iso31662 } from "iso-3166";

const require = createRequire(import.meta.url);

type Countries = typeof import("i18n-iso-countries");
let countriesModule: Countries | undefined;
/**
 * i18n-iso-countries without its 78 locales (its Node entry loads them all, ~20 ms and
 * several MB per process); only French is registered, and only when a name is asked for:
 * a run whose gazetteer is cached never loads it.
 */
function countries(): Countries {
  if (!countriesModule) {
    countriesModule = require("i18n-iso-countries/index.js") as Countries;
    countriesModule.registerLocale(require("i18n-iso-countries/langs/fr.json"));
  }
  return countriesModule;
}

export interface Subdivision {
  code: string;
  name: string;
  parent: string;
}

export interface EtalabCommune {
  code: string;
  nom: string;
  type: string;
  departement?: string;
  region?: string;
  population?: number;
}

export interface EtalabArea {
  code: string;
  nom: string;
  region?: string;
  zone: string;
}

let subdivisionsByCode: Map<string, Subdivision> | undefined;
export function subdivisions(): Map<string, Subdivision> {
  subdivisionsByCode ??= new Map(iso31662.map((s) => [s.code, s]));
  return subdivisionsByCode;
}

let communeList: EtalabCommune[] | undefined;
let communeCodes: Set<string> | undefined;
export function communes(): EtalabCommune[] {
  communeList ??= (require("@etalab/decoupage-administratif/data/communes.json") as EtalabCommune[]).filter(
    (c) => c.type === "commune-actuelle",
  );
  return communeList;
}

export function regionsFr(): EtalabArea[] {
  return require("@etalab/decoupage-administratif/data/regions.json") as EtalabArea[];
}

export function departementsFr(): EtalabArea[] {
  return require("@etalab/decoupage-administratif/data/departements.json") as EtalabArea[];
}

let frenchCountryNames: Record<string, string[]> | undefined;
/** ISO 3166-1 alpha-2 → French names (official first). */
export function countryNamesFr(): Record<string, string[]> {
  if (!frenchCountryNames) {
    frenchCountryNames = countries().getNames("fr", { select: "all" }) as Record<string, string[]>;
  }
  return frenchCountryNames;
}

export function isKnownCountry(alpha2: string): boolean {
  return countries().isValid(alpha2) && /^[A-Z]{2}$/.test(alpha2);
}

export function isKnownSubdivision(code: string): boolean {
  return subdivisions().has(code);
}

export function isKnownCommune(inseeCode: string): boolean {
  communeCodes ??= new Set(communes().map((c) => c.code));
  return communeCodes.has(inseeCode);
}
