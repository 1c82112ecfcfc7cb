/**
 * What a process builds once and every article shares: the rules, the gazetteer
 * and the extractors compiled from them.
 */
import { RuleSet } from "../rules/load.js";
import { Gazetteer } from "../reference/gazetteer.js";
import { DateReader } from "../extract/dates.js";
import { PlaceReader } from "../extract/places.js";
import { OrgReader } from "../extract/orgs.js";
import { PeopleReader } from "../extract/people.js";
import { SectorReader } from "../extract/sectors.js";
import { AgreementReader } from "../extract/agreements.js";
import type { Env } from "./doc.js";

export interface Runtime extends Env {
  dates: DateReader;
  places: PlaceReader;
  orgs: OrgReader;
  people: PeopleReader;
  sectors: SectorReader;
  agreements: AgreementReader;
}

export function createRuntime(rules: RuleSet): Runtime {
  const base: Env = { rules, gazetteer: Gazetteer.load(rules) };
  return {
    ...base,
    dates: new DateReader(rules),
    places: new PlaceReader(base),
    orgs: new OrgReader(base),
    people: new PeopleReader(base),
    sectors: new SectorReader(base),
    agreements: new AgreementReader(base),
  };
}

const cache = new Map<string, Runtime>();

/** One runtime per rules folder and process. */
export function runtimeFor(rulesDir: string): Runtime {
  let rt = cache.get(rulesDir);
  if (!rt) {
    rt = createRuntime(RuleSet.load(rulesDir));
    cache.set(rulesDir, rt);
  }
  return rt;
}
