/**
 * Places and territorial parties: names after a trigger word (party rules), then
 * names known to the gazetteer on their own. Each mention says whether it names
 * an entity, qualifies the mention before it ("en Arménie"), or only locates
 * something ("à Hangzhou").
 */
import type { Env, PlaceMention, Token } from "../pipeline/doc.js";
import type { PartyKind } from "../schema/record.js";
import type { CompiledRule } from "../rules/load.js";
import type { Gazetteer, PlaceEntry } from "../reference/gazetteer.js";
import { dropOverlaps, execWord, scan, type RuleMatch, type ScanContext } from "./engine.js";
import { alternation } from "../rules/compile.js";
import { foldKey } from "../text/fold.js";

type Scope = "fr" | "foreign" | "any";

/** a city coordinated with a known place is read from this size on */
const MIN_COORDINATED_POPULATION = 20000;
const TERRITORIAL = new Set(["region", "department", "province", "state"]);

/** What a trigger word lets a name be looked up as. */
const ACCEPTS: Record<string, (e: PlaceEntry) => boolean> = {
  region: (e) => e.type === "fr_region" || e.type === "subdivision",
  department: (e) => e.type === "fr_department" || e.type === "subdivision",
  city: (e) => e.type === "fr_commune" || e.type === "city" || e.type === "subdivision",
  state: (e) => e.type === "subdivision",
  province: (e) => e.type === "subdivision",
  country: (e) => e.type === "country",
};

const LOCATIVE_BEFORE = /(?:^|[\s(])(?:à|en|au|aux|dans|vers|depuis|outre|basée?s?\s+à|situé(?:e|s|es)?\s+à|implantée?s?\s+(?:à|en|au|dans))\s+(?:la\s+|le\s+|l'|les\s+)?$/iu;
/** before a named collectivity, "à" is rarely a location ("liée à la Communauté autonome d'Euskadi") */
const LOCATIVE_BEFORE_TRIGGERED = /(?:^|[\s(])(?:en|au|aux|dans|vers|depuis|outre)\s+(?:la\s+|le\s+|l'|les\s+)?$/iu;
/** "au nord de Tokyo", "près d'Osaka", "à 30 km de Lyon": a place that only situates another */
const NEAR_BEFORE = /(?:^|[\s(])(?:(?:au|à\s+l['’])\s*(?:nord|sud|est|ouest)(?:-(?:est|ouest))?|près|non\s+loin|aux\s+portes|kilomètres|km|en\s+périphérie|en\s+banlieue|dans\s+la\s+banlieue|proche)\s+(?:de\s+(?:la\s+|l['’]\s*)?|du\s+|des\s+|d['’]\s*)$/iu;
/**
 * "l'État indien" after "l'État indien du Maharashtra" (or after "le Maharashtra"): the
 * state of that country named before, not the country. Mentions sorted by start; the
 * nearest earlier first-level subdivision of the same country wins.
 */
function stateAnaphors(mentions: PlaceMention[], text: string): void {
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i]!;
    if (m.rule !== "party.government_demonym" || !/^(?:l['’]\s*)?[EÉ]tat\s/u.test(text.slice(m.start, m.nameStart))) continue;
    for (let j = i - 1; j >= 0; j--) {
      const p = mentions[j]!;
      if (p.country !== m.country || p.kind === "country" || !p.code || !/^[A-Z]{2}-/.test(p.code)) continue;
      mentions[i] = { ...m, name: p.name, kind: p.kind, code: p.code, rule: "party.state_anaphor" };
      break;
    }
  }
}

/**
 * "a signé, à São José dos Campos, une déclaration avec cette ville de l'État de São Paulo": a
 * city named by a demonstrative is the city named just before (what follows the trigger only
 * says where it is).
 */
function demonstratives(mentions: PlaceMention[], text: string): void {
  for (let i = 1; i < mentions.length; i++) {
    const m = mentions[i]!;
    if (!m.triggered || m.kind !== "city" || !/(?:^|\s)(?:cette|cet|ce)\s+$/iu.test(text.slice(Math.max(0, m.start - 8), m.start))) continue;
    for (let j = i - 1; j >= 0 && m.start - mentions[j]!.end <= DEMONSTRATIVE_REACH; j--) {
      const p = mentions[j]!;
      if (p.kind !== "city") continue;
      mentions[i] = { ...m, name: p.name, country: p.country, code: p.code, rule: "party.demonstrative", role: "entity" };
      break;
    }
  }
}
/** how far from the top a kicker line ("NAVARRENX", "GERS | LECTOURE") is looked for */
const KICKER_REACH = 200;
/** how far back (characters) the city a demonstrative names is looked for */
const DEMONSTRATIVE_REACH = 200;

/**
 * "le maire de Romans" in an article that names Romans-sur-Isère: the short name of that
 * commune, not the other commune called Romans (a village of the Deux-Sèvres).
 */
function shortCommuneNames(mentions: PlaceMention[]): void {
  const communes = mentions.filter((m) => m.code?.startsWith("INSEE:"));
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i]!;
    if (!m.code?.startsWith("INSEE:")) continue;
    const short = foldKey(m.name);
    const long = communes.find((p) => p.code !== m.code && LONG_FORM.test(foldKey(p.name).slice(short.length)) && foldKey(p.name).startsWith(short));
    if (long) mentions[i] = { ...m, name: long.name, code: long.code, rule: `${m.rule}+place.short_name` };
  }
}
const LONG_FORM = /^[- ](?:sur|sous|en|le|la|les|lès|lez|de|du|des|aux|au|d'|l')[- ']/u;

/** "le gouvernement béninois", "l'État marocain" */
// (not "l'État américain du Kentucky": a state of that country, named after it)
const GOVERNMENT_DEMONYM = /(?:[Gg]ouvernement|[EÉ]tat|[Rr]oyaume|[Rr]épublique|[Aa]utorités)\s+(\p{Ll}[\p{Ll}-]+)(?![\p{L}-])(?!\s+(?:du|des|de|d['’])\s*(?:la\s+|l['’]\s*)?\p{Lu})/gu;
const PARTY_BEFORE = /(?:avec|entre|et|,)\s+(?:l'|la\s+|le\s+|les\s+)?$/iu;
const QUALIFIER_GAP = /^\s*(?:,\s*)?(?:(?:en|au|aux|à|dans\s+l[ae]|dans\s+le|du|de\s+la|de\s+l')\s*|\(\s*)$/iu;

export class PlaceReader {
  private readonly partyRules: readonly CompiledRule<"party">[];
  private readonly gazetteer: Gazetteer;

  private readonly notNames: ReadonlySet<string>;
  private readonly featureBefore: RegExp;

  constructor(env: Env) {
    this.partyRules = env.rules.rules("party");
    this.gazetteer = env.gazetteer;
    this.notNames = new Set(env.rules.lexicon("non_name_words").map(foldKey));
    this.featureBefore = new RegExp(`(?:^|[^\\p{L}])(?:${alternation(env.rules.lexicon("geographic_features"))})\\s+(?:(?:du|des|de\\s+la|de\\s+l['’]|d['’])\\s*)?$`, "iu");
  }

  /** "le fleuve Sénégal", "la vallée du Gers": a natural feature named after the place, not the place */
  private namesAFeature(m: PlaceMention, text: string): boolean {
    return this.featureBefore.test(text.slice(Math.max(0, m.start - 30), m.start));
  }

  extract(text: string, tokens: readonly Token[], blocked: readonly { start: number; end: number }[] = [], sc?: ScanContext): PlaceMention[] {
    const triggered: PlaceMention[] = [];
    for (const m of sc ? sc.scan(this.partyRules) : scan(this.partyRules, text)) {
      const p = this.fromTrigger(m, text, tokens);
      if (p) triggered.push(p);
    }
    const kept = dropOverlaps([...triggered, ...this.governments(text)]);
    const kicker = this.kickerPlaces(text, [...kept, ...blocked]);
    const free = this.freeMentions(text, tokens, [...kept, ...kicker, ...blocked]);
    const qualified = this.namedWithCountry(text, tokens, [...kept, ...free, ...blocked]);
    const known = [...kept, ...kicker, ...free, ...qualified].sort((a, b) => a.start - b.start);
    const coordinated = this.coordinated(text, tokens, known, blocked);
    const all = [...known, ...coordinated].filter((m) => !this.namesAFeature(m, text)).sort((a, b) => a.start - b.start);
    stateAnaphors(all, text);
    demonstratives(all, text);
    shortCommuneNames(all);
    this.preferArticleCountries(all);
    this.assignRoles(all, text);
    return all;
  }

  /**
   * "Exeter (Royaume-Uni)", "Rochester, aux États-Unis", "Weilburg, en Hesse": a name followed
   * by its country (or a region of it) is a place of that country, even one too small or too
   * ambiguous to be read on its own.
   */
  private namedWithCountry(text: string, tokens: readonly Token[], taken: readonly { start: number; end: number }[]): PlaceMention[] {
    const out: PlaceMention[] = [];
    const re = /(\p{Lu}[\p{L}\p{M}'-]*(?:[ \t]+(?:de|del|do|da|du|la|le|los|las|sur|am|an|der|di)?[ \t]*\p{Lu}[\p{L}\p{M}'-]*){0,3})[ \t]*(?:\(|,[ \t]*(?:en|au|aux)[ \t]+)(\p{Lu}[\p{L}\p{M}' -]{2,40}?)[),.;]/gu;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const start = m.index;
      const end = start + m[1]!.length;
      if (taken.some((r) => r.start < end && start < r.end)) continue;
      // the qualifier: a country, or a first-level subdivision of one ("Weilburg, en Hesse")
      const where = this.gazetteer.lookup(foldKey(m[2]!)).find((e) => e.type === "country" || (e.type === "subdivision" && e.country !== "FR"));
      if (!where) continue;
      const entry = this.gazetteer.lookup(foldKey(m[1]!)).find((e) => (e.type === "city" || e.type === "subdivision") && e.country === where.country);
      if (entry) {
        out.push(this.mention(start, end, start, end, entry, null, false, text));
        continue;
      }
      // a town too small for the reference data, named as a partner ("jumelée avec Weilburg, en
      // Hesse"): a city of that country, without a code; not a person ("avec Stefan Krämer (Allemagne)")
      // (or as the heading of a list's item: "DEIR EL-QAMAR (Liban)" on a line of its own)
      const words = m[1]!.split(/[ \t]+/);
      if (words.length > 2 || this.gazetteer.firstNames.has(words[0]!.toLowerCase()) || this.notNames.has(foldKey(words[0]!))) continue;
      const itemHeading = (start === 0 || text[start - 1] === "\n") && m[0].startsWith(m[1]!) && /^[ \t]*\(/.test(text.slice(end)) && /^[ \t]*(?:$|\n|[–—-][ \t])/.test(text.slice(start + m[0].length));
      if (!itemHeading && !PARTY_BEFORE.test(text.slice(Math.max(0, start - 30), start))) continue;
      const name = m[1] === m[1]!.toUpperCase() ? m[1]!.toLowerCase().replace(/(^|[\s'-])(\p{L})/gu, (_, b: string, c: string) => b + c.toUpperCase()) : m[1]!;
      out.push({ start, end, nameStart: start, nameEnd: end, name, kind: "city", country: where.country, code: null, rule: "place.named_with_country", triggered: false, role: "entity" });
    }
    void tokens;
    return out;
  }

  /**
   * "Vannes et Essaouira", "entre Vannes et Essaouira": a foreign city too small to be read on
   * its own, coordinated with a place already found, in an article that names its country.
   */
  private coordinated(text: string, tokens: readonly Token[], known: readonly PlaceMention[], blocked: readonly { start: number; end: number }[]): PlaceMention[] {
    const countries = new Set(known.filter((m) => m.country && m.country !== "FR" && m.role !== "location").map((m) => m.country!));
    if (countries.size === 0) return [];
    const out: PlaceMention[] = [];
    const taken = [...known, ...blocked];
    const max = Math.min(this.gazetteer.maxTokens, 4);
    const startsAt = new Set(known.map((k) => k.start));
    for (let i = 0; i < tokens.length; i++) {
      const first = tokens[i]!;
      if (!first.cap || this.notNames.has(first.fold) || taken.some((r) => first.start < r.end && r.start < first.end)) continue;
      let key = "";
      for (let j = i; j < Math.min(tokens.length, i + max); j++) {
        const t = tokens[j]!;
        if (!t.cap) break;
        key = j === i ? t.fold : `${key} ${t.fold}`;
        const entries = this.gazetteer.lookup(key);
        const entry = entries.find((e) => e.type === "city" && !e.free && e.country !== null && countries.has(e.country) && e.population >= MIN_COORDINATED_POPULATION);
        if (!entry || entries.some((e) => e.type === "fr_commune" && e.population >= 2000)) continue;
        if (j + 1 < tokens.length && tokens[j + 1]!.cap && tokens[j + 1]!.start - t.end <= 1) continue;
        // coordinated with a place found: "A et B", "entre A et B", "B et A"
        const before = text.slice(Math.max(0, first.start - 40), first.start);
        const after = text.slice(t.end, t.end + 40);
        const prevPlace = /(?:\s(?:et|ou)|,)\s+(?:la\s+ville\s+d(?:e\s+|['’]))?$/iu.exec(before);
        const prevEnd = prevPlace ? first.start - prevPlace[0].length : -1;
        const withPrev = prevPlace !== null && known.some((k) => k.end <= prevEnd && prevEnd - k.end <= 1);
        const nextPlace = /^\s+et\s+(?:la\s+ville\s+d(?:e\s+|['’]))?/iu.exec(after);
        const withNext = nextPlace !== null && startsAt.has(t.end + nextPlace[0].length);
        if (!withPrev && !withNext) continue;
        out.push({ ...this.mention(first.start, t.end, first.start, t.end, entry, null, false, text), rule: "place.coordinated_city" });
        i = j;
        break;
      }
    }
    return out;
  }

  /** A country named by its government and a demonym ("le gouvernement béninois"). */
  private governments(text: string): PlaceMention[] {
    const out: PlaceMention[] = [];
    GOVERNMENT_DEMONYM.lastIndex = 0;
    for (let m = execWord(GOVERNMENT_DEMONYM, text); m; m = execWord(GOVERNMENT_DEMONYM, text)) {
      const alpha2 = this.gazetteer.demonym(m[1]!);
      if (!alpha2 || alpha2 === "FR") continue;
      const name = this.gazetteer.countryName(alpha2) ?? alpha2;
      out.push({ start: m.index, end: m.index + m[0].length, nameStart: m.index + m[0].length - m[1]!.length, nameEnd: m.index + m[0].length, name, kind: "country", country: alpha2, code: null, rule: "party.government_demonym", triggered: true, role: "entity" });
    }
    return out;
  }

  /** A name after a trigger word, resolved to the longest known prefix of its words. */
  private fromTrigger(m: RuleMatch<CompiledRule<"party">>, text: string, tokens: readonly Token[]): PlaceMention | null {
    const g = m.groups.name;
    if (!g) return null;
    const rule = m.compiled;
    let nameTokens = tokensIn(tokens, g.start, g.end);
    // "VILLE DE BESANÇON": in capitals, the connector is not part of the name
    let lead = 0;
    while (lead < nameTokens.length - 1 && /^(?:DE|DU|DES|D|LA|LE|LES|L)$/u.test(nameTokens[lead]!.text)) lead++;
    if (lead) {
      nameTokens = nameTokens.slice(lead);
      const start = nameTokens[0]!.start;
      return this.fromTrigger({ ...m, groups: { ...m.groups, name: { start, end: g.end } } }, text, tokens);
    }
    if (nameTokens.length === 0) return null;
    const accepts = ACCEPTS[rule.kind] ?? (() => true);
    const scoped = (e: PlaceEntry) => accepts(e) && inScope(e, rule.scope);
    // the trigger word may belong to the name ("Région Sud", "Collectivité de Corse")
    const whole = this.gazetteer.lookup(tokensIn(tokens, m.start, g.end).map((t) => t.fold).join(" ")).find((e) => e.type === "fr_region");
    if (whole) return this.mention(m.start, g.end, m.start, g.end, whole, rule, true, text);
    for (let n = rule.whole ? 0 : nameTokens.length; n >= 1; n--) {
      // "Santa Teresa Gallura": a city's name is not cut short before a capitalised word
      if (rule.kind === "city" && n < nameTokens.length && nameTokens[n]!.cap && !this.notNames.has(nameTokens[n]!.fold)) continue;
      const key = nameTokens.slice(0, n).map((t) => t.fold).join(" ");
      let entries = this.gazetteer.lookup(key).filter(scoped);
      // "la Diputación foral de Gipuzkoa", "la province de Cuneo": a second-level unit after a territorial trigger
      if (entries.length === 0 && TERRITORIAL.has(rule.kind)) entries = this.gazetteer.lookupSecondLevel(key).filter(scoped);
      const entry = this.best(entries, rule.kind);
      if (entry) {
        const nameEnd = nameTokens[n - 1]!.end;
        const mention = this.mention(m.start, nameEnd, g.start, nameEnd, entry, rule, true, text);
        const alternatives = entries.filter((e) => e !== entry && e.type === entry.type && e.kind === entry.kind);
        if (alternatives.length) mention.alternatives = alternatives.map(({ name, kind, country, code }) => ({ name, kind, country, code }));
        return mention;
      }
    }
    // Not in the reference data: keep what the text says, with the trigger's kind.
    if (rule.kind === "country" || rule.scope === "fr") {
      // "le ministère de l'Agriculture du Maroc": the country may be the last words
      for (let s = 1; s < nameTokens.length; s++) {
        const key = nameTokens.slice(s).map((t) => t.fold).join(" ");
        const entry = this.gazetteer.lookup(key).find(scoped);
        if (entry) return this.mention(m.start, g.end, nameTokens[s]!.start, g.end, entry, rule, true, text);
      }
      return null;
    }
    const name = text.slice(g.start, g.end);
    // "La Métropole": a determiner or a word that is never a name, not a partner
    if (nameTokens.every((t) => this.notNames.has(t.fold))) return null;
    // (its country from the adjective of origin after the trigger: "l'arrondissement allemand de Gifhorn")
    const adj = m.groups.adj;
    const country = rule.country ?? (adj ? this.gazetteer.demonym(text.slice(adj.start, adj.end)) : null) ?? this.countryOfUnknown(nameTokens);
    return {
      start: m.start,
      end: g.end,
      nameStart: g.start,
      nameEnd: g.end,
      name: name.replace(/^(?:L'|La |Le |Les )/u, ""),
      kind: rule.kind,
      country,
      code: null,
      rule: rule.id,
      triggered: true,
      role: "entity",
      ...(rule.whole ? { whole: true as const } : {}),
    };
  }

  private mention(start: number, end: number, nameStart: number, nameEnd: number, e: PlaceEntry, rule: CompiledRule<"party"> | null, triggered: boolean, _text: string): PlaceMention {
    // A city trigger before a subdivision name ("la ville d'Alger"): a city, with the subdivision's code.
    const kind: PartyKind = rule?.kind === "city" && e.type === "subdivision" ? "city" : e.kind;
    return {
      start,
      end,
      nameStart,
      nameEnd,
      name: e.name,
      kind,
      country: e.country,
      code: e.code,
      rule: rule ? rule.id : `place.gazetteer.${e.type}`,
      triggered,
      role: "entity",
    };
  }

  /** Among entries of one name, the one a trigger of `kind` most likely means. */
  private best(entries: readonly PlaceEntry[], kind: string): PlaceEntry | null {
    if (entries.length === 0) return null;
    // "l'État du Maryland": a subdivision of the trigger's kind first
    const sameKind = entries.filter((e) => e.kind === kind);
    if (sameKind.length && (kind === "state" || kind === "province")) return sameKind[0]!;
    if (kind === "city") {
      // the most populous city of that name; a subdivision only if no city has it
      const cities = entries.filter((e) => e.type === "fr_commune" || e.type === "city");
      if (cities.length) return [...cities].sort((a, b) => b.population - a.population)[0]!;
    }
    return entries[0]!;
  }

  /** An unknown name's country, from a known place among its last words ("Grand Tunis" → TN). */
  private countryOfUnknown(nameTokens: readonly Token[]): string | null {
    // only the last words, and only a subdivision or a country: "Grand Tunis" → Tunis (TN),
    // "(Métropole) Rouen Normandie" → Normandie (FR)
    for (let s = 1; s < nameTokens.length; s++) {
      const entry = this.gazetteer.lookup(nameTokens.slice(s).map((t) => t.fold).join(" ")).find((e) => e.type === "subdivision" || e.type === "country" || e.type === "fr_region" || e.type === "fr_department");
      if (entry?.country) return entry.country;
    }
    return null;
  }

  /**
   * The place a local page or paper files the story under, on its first lines, in capitals
   * ("NAVARRENX", "GERS | LECTOURE"): a French commune or département however small, since the
   * line says it is a place.
   */
  private kickerPlaces(text: string, taken: readonly { start: number; end: number }[]): PlaceMention[] {
    const out: PlaceMention[] = [];
    const head = text.slice(0, KICKER_REACH);
    const line = /^[ \t]*([\p{Lu}][\p{Lu}\p{N}' -]+(?:\s*\|\s*[\p{Lu}][\p{Lu}\p{N}' -]+)*)[ \t]*$/gmu;
    for (let m = line.exec(head); m; m = line.exec(head)) {
      let at = m.index + m[0].indexOf(m[1]!);
      for (const part of m[1]!.split("|")) {
        const name = part.trim();
        const start = at + part.indexOf(name);
        at += part.length + 1;
        if (name.length < 3 || taken.some((r) => r.start < start + name.length && start < r.end)) continue;
        const entry = this.gazetteer.lookup(foldKey(name)).find((e) => e.type === "fr_commune" || e.type === "fr_department");
        if (entry) out.push({ ...this.mention(start, start + name.length, start, start + name.length, entry, null, false, text), rule: "place.kicker" });
      }
    }
    return out;
  }

  /** Names the gazetteer knows, without a trigger word. */
  private freeMentions(text: string, tokens: readonly Token[], taken: readonly { start: number; end: number }[]): PlaceMention[] {
    const out: PlaceMention[] = [];
    const max = this.gazetteer.maxTokens;
    const isTaken = (t: Token) => taken.some((r) => t.start < r.end && r.start < t.end);
    for (let i = 0; i < tokens.length; i++) {
      const first = tokens[i]!;
      if (!first.cap || isTaken(first)) continue;
      let found: { entry: PlaceEntry; last: number } | null = null;
      let key = "";
      const keys: string[] = [];
      for (let j = i; j < Math.min(tokens.length, i + max); j++) {
        const t = tokens[j]!;
        if (j > i && isTaken(t)) break;
        key = j === i ? t.fold : `${key} ${t.fold}`;
        keys.push(key);
        if (!t.joinsNext) break;
      }
      // a place name is never part of a hyphenated word ("Croix-Rouge", "Paris-Saclay")
      if (i > 0 && tokens[i - 1]!.end === first.start - 1 && text[first.start - 1] === "-") continue;
      for (let k = keys.length - 1; k >= 0; k--) {
        const last = tokens[i + k]!;
        if (!last.cap && !/^\d/.test(last.text)) continue;
        if (text[last.end] === "-" && /\p{L}/u.test(text[last.end + 1] ?? "")) continue;
        const entry = this.gazetteer.lookup(keys[k]!).find((e) => e.free);
        if (entry) {
          found = { entry, last: i + k };
          break;
        }
      }
      if (!found) continue;
      const end = tokens[found.last]!.end;
      const mention = this.mention(first.start, end, first.start, end, found.entry, null, false, text);
      const alternatives = this.gazetteer.lookup(keys[found.last - i]!).filter((e) => e.free && e !== found.entry && e.type === found.entry.type);
      if (alternatives.length) mention.alternatives = alternatives.map(({ name, kind, country, code }) => ({ name, kind, country, code }));
      out.push(mention);
      i = found.last;
    }
    return out;
  }

  /** A name shared by places of several countries: the one of a country the article names. */
  private preferArticleCountries(all: PlaceMention[]): void {
    const named = new Set<string>();
    for (const m of all) if (m.country && (m.kind === "country" || !m.alternatives)) named.add(m.country);
    for (const m of all) {
      if (!m.alternatives || (m.country && named.has(m.country))) continue;
      const better = m.alternatives.find((a) => a.country && named.has(a.country));
      if (better) Object.assign(m, { name: better.name, kind: better.kind, country: better.country, code: better.code });
    }
  }

  /** Qualifiers ("la ville d'Erevan en Arménie") and locations ("à Hangzhou"). */
  private assignRoles(all: PlaceMention[], text: string): void {
    for (let i = 0; i < all.length; i++) {
      const m = all[i]!;
      const prev = all[i - 1];
      if (prev && (m.kind === "country" || (m.code !== null && m.country !== "FR" && prev.kind === "city"))) {
        const gap = text.slice(prev.end, m.start);
        if (QUALIFIER_GAP.test(gap) && !gap.includes("\n")) {
          // "à Trois-Rivières (Québec)": where a place is, part of that place's role
          m.role = prev.role === "location" ? "location" : "qualifier";
          if (!prev.country && m.country) prev.country = m.country;
          continue;
        }
      }
      // "Rochester (États-Unis, État de New York)": the country's subdivision after the country that qualifies a city
      if (prev && prev.role === "qualifier" && prev.kind === "country" && m.code !== null && m.country === prev.country && i >= 2 && all[i - 2]!.kind === "city" && /^\s*,\s*(?:l['’]\s*)?$/u.test(text.slice(prev.end, m.start)) && /^[\s,]*\)/u.test(text.slice(m.end, m.end + 3))) {
        m.role = "qualifier";
        continue;
      }
      // "le Žilinský kraj, la région de Žilina,": the same region said again, in French
      if (prev && prev.code && !m.code && m.triggered && m.kind === prev.kind && (m.country === prev.country || m.country === null) && /^(?:\s+\p{Ll}+)?\s*,\s*(?:la\s+|le\s+|l['’]\s*)?$/u.test(text.slice(prev.end, m.start))) {
        m.role = "qualifier";
        continue;
      }
      const before = text.slice(Math.max(0, m.start - 30), m.start);
      if (((m.triggered ? LOCATIVE_BEFORE_TRIGGERED : LOCATIVE_BEFORE).test(before) && !PARTY_BEFORE.test(before)) || NEAR_BEFORE.test(before)) m.role = "location";
    }
  }
}

function inScope(e: PlaceEntry, scope: Scope): boolean {
  if (scope === "any") return true;
  const french = e.country === "FR";
  return scope === "fr" ? french : !french;
}

export function tokensIn(tokens: readonly Token[], start: number, end: number): Token[] {
  const out: Token[] = [];
  // tokens are sorted: binary search for the first token ending after start
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.end <= start) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < tokens.length && tokens[i]!.start < end; i++) out.push(tokens[i]!);
  return out;
}

export { foldKey };
