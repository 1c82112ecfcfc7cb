/**
 * Organisations: a head word gives the kind (org rules); the name goes on over
 * capitalised words and connectors, or up to an acronym in brackets. Also
 * organisations known by name alone (known_orgs), appositions ("BioForward,
 * cluster biotechnologique du Wisconsin") and later uses of an acronym.
 */
import type { Env, OrgMention, PlaceMention, Token } from "../pipeline/doc.js";
import type { PartyKind } from "../schema/record.js";
import type { CompiledRule } from "../rules/load.js";
import type { Gazetteer } from "../reference/gazetteer.js";
import { dropOverlaps, scan, type RuleMatch, type ScanContext } from "./engine.js";
import { foldKey } from "../text/fold.js";

/** heads that describe rather than name when written in lower case ("le cluster BioForward") */
const GENERIC_HEADS = /^(cluster|clusters|entreprise|société|groupe|start-up|startup|firme|pme|laboratoire|pôle|incubateur|association|réseau|fondation|fédération|confédération|technopole|technopark|technoparc)$/i;
const STOP = /^(?:et|ou|qui|que|qu|pour|afin|avec|dans|sur|par|a|ont|est|sont|était|sera|seront|ainsi|lors|implantée?s?|basée?s?|située?s?|créée?s?|dont|où|mais|ou|car|puis|aussi|également|notamment|depuis|vers|chez|contre|selon|entre)$/i;
const CONNECTOR = /^(?:de|du|des|d|l|la|le|les|et|en|pour|sur|à|aux|au)$/i;
const MAX_WORDS = 14;
/** names looked for again in the whole text (bounded: a page full of names stays linear) */
const MAX_NAMES_AGAIN = 100;
const GENERIC_NAME = /^(?:(?:le|la|l'|les)\s+)?(?:conseil|comité|assemblée|commission|communauté|centre|institut|union|réseau|association|fondation|fédération|autorité|cercle)(?:\s+(?:régional|régionale|départemental|départementale|municipal|municipale|général|générale|exécutif|exécutive|national|nationale|populaire|communale|communal|local|locale|mixte|de\s+communes|scientifique|consultatif|économique))*$/iu;

export class OrgReader {
  private readonly orgRules: readonly CompiledRule<"org">[];
  private readonly knownOrgs: ReadonlyMap<string, PartyKind>;
  private readonly knownMaxTokens: number;
  private readonly gazetteer: Gazetteer;

  constructor(env: Env) {
    this.orgRules = env.rules.rules("org");
    this.gazetteer = env.gazetteer;
    const known = new Map<string, PartyKind>();
    let max = 1;
    for (const [name, kind] of env.rules.map("known_orgs")) {
      const key = foldKey(name);
      known.set(key, String(kind) as PartyKind);
      max = Math.max(max, key.split(" ").length);
    }
    this.knownOrgs = known;
    this.knownMaxTokens = max;
  }

  extract(text: string, tokens: readonly Token[], places: readonly PlaceMention[], sc?: ScanContext): OrgMention[] {
    const found: OrgMention[] = [];
    for (const m of sc ? sc.scan(this.orgRules) : scan(this.orgRules, text)) {
      const org = this.fromHead(m, text, places);
      if (org) found.push(org);
    }
    found.push(...this.known(tokens, text));
    // an organisation read where a territorial party was ("Conseil départemental de Mayotte") gives way to it
    const triggered = places.filter((p) => p.triggered);
    let kept = dropOverlaps(found.filter((o) => !triggered.some((p) => p.start <= o.start && p.end >= o.start && o.end <= p.end + 2)));
    kept = dropOverlaps([...kept, ...this.acronymsExpanded(text, kept)]);
    kept = dropOverlaps([...kept, ...this.acronymUses(text, kept), ...this.nameUses(text, kept)]);
    // "Conseil régional", "Comité": a body named by its generic words only is not an organisation party
    kept = kept.filter((o) => !GENERIC_NAME.test(o.name));
    const located = kept.map((o) => ({ ...o, country: o.country ?? this.countryOf(o, text, places) }));
    // every mention of an organisation shares the country any of them gave
    const countryByName = new Map<string, string>();
    for (const o of located) if (o.country && !countryByName.has(foldKey(o.name))) countryByName.set(foldKey(o.name), o.country);
    return located.map((o) => ({ ...o, country: o.country ?? countryByName.get(foldKey(o.name)) ?? null }));
  }

  private fromHead(m: RuleMatch<CompiledRule<"org">>, text: string, places: readonly PlaceMention[]): OrgMention | null {
    const head = m.groups.head!;
    const headText = text.slice(head.start, head.end);
    // "Gyeongnam Technopark": the name comes before its (English) head
    if (m.groups.name) return this.org(m.start, m.end, m.text, ENGLISH_HEAD_KINDS.find(([re]) => re.test(headText))?.[1] ?? m.compiled.kind, null, m.rule);
    const headCap = /^\p{Lu}/u.test(headText);
    const generic = GENERIC_HEADS.test(headText);
    const rest = this.continuation(text, head.end);
    if (!headCap) {
      // "le cluster BioForward", "l'université du Zhejiang": a name must follow at once
      const firstCap = rest.words.findIndex((w) => /^\p{Lu}/u.test(w.text));
      const okStart = firstCap === 0 || (firstCap > 0 && firstCap <= 2 && rest.words.slice(0, firstCap).every((w) => CONNECTOR.test(w.text)));
      // "l'agence régionale de développement économique Dev'Up Centre-Val de Loire": a description, then the name
      const described = !okStart && firstCap > 0 && firstCap <= 6 && rest.words[firstCap - 1] && !CONNECTOR.test(rest.words[firstCap - 1]!.text);
      if (described) {
        const capWords = takeCapitalised(rest.words.slice(firstCap));
        if (capWords.length) {
          const start = capWords[0]!.start;
          const end = capWords[capWords.length - 1]!.end;
          const org = this.org(start, end, text.slice(start, end), m.compiled.kind, rest.acronym, `${m.rule}.described`);
          org.descriptionStart = m.start;
          return org;
        }
      }
      if (!okStart) return this.acronymAfter(m, text) ?? this.apposition(m, text, places);
      if (generic) {
        const capWords = takeCapitalised(rest.words.slice(firstCap));
        if (!capWords.length) return null;
        const start = capWords[0]!.start;
        const end = capWords[capWords.length - 1]!.end;
        // a pôle (de compétitivité) is known with its head ("Pôle Mer Méditerranée"), a cluster without
        const name = /^pôle/iu.test(headText) ? `Pôle ${text.slice(start, end)}` : text.slice(start, end);
        return this.org(start, end, name, m.compiled.kind, rest.acronym, m.rule);
      }
    }
    const end = rest.end ?? head.end;
    let name = text.slice(head.start, end).replace(/\s+/g, " ");
    if (!headCap) name = name[0]!.toUpperCase() + name.slice(1);
    // "pôle de compétitivité Mer Méditerranée" is known as "Pôle Mer Méditerranée"
    name = name.replace(/^Pôle de compétitivité /iu, "Pôle ");
    // A capitalised generic head alone ("Groupe", "Association") is not a name.
    if (end === head.end && (generic || !headCap || headText.split(/\s+/).length === 1) && !/^\p{Lu}{2,}$/u.test(headText)) return null;
    return this.org(head.start, end, name, m.compiled.kind, rest.acronym, m.rule);
  }

  /** The words after a head that belong to the name. */
  private continuation(text: string, from: number): { words: { text: string; start: number; end: number }[]; end: number | null; acronym: string | null } {
    const window = text.slice(from, from + 220);
    // a comma inside a name: "Chambre de Commerce, d'Industrie et de Services de ..."
    const cut = /,(?!\s*(?:d'|d’|de\s+)\p{Lu})|[;:.!?\n«»"()]|\s[-–—]\s/u.exec(window);
    const segment = cut ? window.slice(0, cut.index) : window;
    const words: { text: string; start: number; end: number }[] = [];
    const re = /[\p{L}\p{N}][\p{L}\p{N}'’&-]*/gu;
    for (let w = re.exec(segment); w; w = re.exec(segment)) {
      const t = w[0].replace(/['’]$/, "");
      if (STOP.test(t) || /^[lL]['’]/.test(t)) break;
      words.push({ text: t, start: from + w.index, end: from + w.index + w[0].length });
      if (words.length >= MAX_WORDS) break;
    }
    // An acronym in brackets right after: everything before it is the name.
    const acr = cut && window[cut.index] === "(" ? /^\(\s*(\p{Lu}[\p{Lu}\p{N}&'-]{1,12})\s*\)/u.exec(window.slice(cut.index)) : null;
    if (acr && words.length) {
      return { words, end: words[words.length - 1]!.end, acronym: acr[1]! };
    }
    // Otherwise: up to the last capitalised word, with at most two lower-case words in a row.
    let end: number | null = null;
    let lowerRun = 0;
    for (const w of words) {
      if (/^[\p{Lu}\p{N}]/u.test(w.text)) {
        end = w.end;
        lowerRun = 0;
      } else if (!CONNECTOR.test(w.text)) {
        lowerRun++;
        if (lowerRun > 2) break;
        if (end === null && words.indexOf(w) < 2) end = w.end;
      }
    }
    return { words, end, acronym: null };
  }

  /** "L'agence de développement économique de la Région Occitanie, AD'OCC, et ...": the acronym names it. */
  private acronymAfter(m: RuleMatch<CompiledRule<"org">>, text: string): OrgMention | null {
    const rest = text.slice(m.end, m.end + 120);
    const a = /^[^,.;:]{0,100}?,\s*(\p{Lu}[\p{Lu}\p{N}'’&-]{1,10})\s*(?:,|\)|et\s)/u.exec(rest);
    if (!a || !/\p{Lu}{2}/u.test(a[1]!)) return null;
    const start = m.end + a.index + a[0].indexOf(a[1]!);
    const org = this.org(start, start + a[1]!.length, a[1]!, m.compiled.kind, null, `${m.rule}.acronym_after`);
    // the description says where it is ("de la Région Occitanie")
    org.descriptionStart = m.start;
    return org;
  }

  /** "BioForward, cluster biotechnologique du Wisconsin": the name before the comma. */
  private apposition(m: RuleMatch<CompiledRule<"org">>, text: string, places: readonly PlaceMention[]): OrgMention | null {
    const before = text.slice(Math.max(0, m.start - 80), m.start);
    const a = /(\p{Lu}[\p{L}\p{N}&'-]*(?:\s+\p{Lu}[\p{L}\p{N}&'-]*){0,4})\s*,\s*(?:le\s+|la\s+|l'|un\s+|une\s+)?$/u.exec(before);
    if (!a || !GENERIC_HEADS.test(text.slice(m.groups.head!.start, m.groups.head!.end))) return null;
    const start = m.start - before.length + a.index;
    const end = start + a[1]!.length;
    if (places.some((p) => p.start <= start && p.end >= end)) return null;
    // the description that follows may say where it is ("du Wisconsin")
    const descEnd = (/[,;.\n]/.exec(text.slice(m.end, m.end + 120))?.index ?? 120) + m.end;
    const where = places.find((p) => p.start >= m.end && p.end <= descEnd && p.country);
    const org = this.org(start, end, a[1]!, m.compiled.kind, null, `${m.rule}.apposition`);
    org.country = where?.country ?? null;
    return org;
  }

  private org(start: number, end: number, name: string, kind: PartyKind, acronym: string | null, rule: string): OrgMention {
    return { start, end, name: name.trim(), kind, country: null, acronym, rule };
  }

  /** Organisations known by name alone (Business France, CGLU...). */
  private known(tokens: readonly Token[], text: string): OrgMention[] {
    const out: OrgMention[] = [];
    for (let i = 0; i < tokens.length; i++) {
      if (!tokens[i]!.cap) continue;
      let key = "";
      for (let j = i; j < Math.min(tokens.length, i + this.knownMaxTokens); j++) {
        key = j === i ? tokens[j]!.fold : `${key} ${tokens[j]!.fold}`;
        const kind = this.knownOrgs.get(key);
        if (kind && tokens[j]!.cap) {
          const start = tokens[i]!.start;
          const end = tokens[j]!.end;
          out.push(this.org(start, end, text.slice(start, end), kind, null, "org.known"));
        }
        if (!tokens[j]!.joinsNext) break;
      }
    }
    return out;
  }

  /** Later uses of an acronym introduced in brackets ("... (CPLP)" then "la CPLP"). */
  private acronymUses(text: string, orgs: readonly OrgMention[]): OrgMention[] {
    const out: OrgMention[] = [];
    for (const o of orgs) {
      if (!o.acronym) continue;
      const re = new RegExp(`(?<![\\p{L}\\p{N}])${o.acronym.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\p{L}\\p{N}])`, "gu");
      for (let m = re.exec(text); m; m = re.exec(text)) {
        if (m.index >= o.start && m.index < o.end + o.acronym.length + 4) continue;
        out.push({ ...o, start: m.index, end: m.index + m[0].length, rule: "org.acronym" });
      }
    }
    return out;
  }

  /** "le DLTM (Distretto Ligure delle Tecnologie Marine)": an acronym followed by its expansion. */
  private acronymsExpanded(text: string, orgs: readonly OrgMention[]): OrgMention[] {
    const out: OrgMention[] = [];
    const re = /(\p{Lu}{3,8})\s*\((\p{Lu}[\p{L}'’-]*(?:\s+[\p{L}'’-]+){1,10})\)/gu;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (m.index > 0 && /[\p{L}\p{N}]/u.test(text[m.index - 1]!)) continue;
      if (orgs.some((o) => o.start <= m!.index && o.end >= m!.index)) continue;
      out.push(this.org(m.index, m.index + m[1]!.length, m[1]!, "other", m[1]!, "org.acronym_expanded"));
    }
    return out;
  }

  /** Other mentions of a name read with a head word ("le cluster BioForward", then "BioForward"). */
  private nameUses(text: string, orgs: readonly OrgMention[]): OrgMention[] {
    const out: OrgMention[] = [];
    const names = new Map<string, OrgMention>();
    for (const o of orgs) if (/^\p{Lu}/u.test(o.name) && o.name.length >= 3 && o.rule !== "org.acronym" && names.size < MAX_NAMES_AGAIN) names.set(o.name, o);
    if (names.size === 0) return out;
    const starts = new Set(orgs.map((o) => o.start));
    // one pass for every name, longest first
    const sorted = [...names.keys()].sort((a, b) => b.length - a.length);
    const re = new RegExp(`(?:${sorted.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})(?![\\p{L}\\p{N}])`, "gu");
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (starts.has(m.index) || (m.index > 0 && /[\p{L}\p{N}]/u.test(text[m.index - 1]!))) continue;
      const o = names.get(m[0])!;
      out.push({ ...o, start: m.index, end: m.index + m[0].length, acronym: null, rule: "org.name_again" });
    }
    return out;
  }

  /** Where an organisation is: a place inside its name, where it is based, or a demonym in it. */
  private countryOf(o: OrgMention, text: string, places: readonly PlaceMention[]): string | null {
    const from = o.descriptionStart ?? o.start;
    const inner = places.find((p) => p.start >= from && p.end <= o.end && p.country);
    if (inner) return inner.country;
    // "Université Paris-Saclay": a French place as part of a hyphenated name
    for (const part of text.slice(o.start, o.end).split(/[\s-]+/)) {
      if (!/^\p{Lu}\p{Ll}{2,}/u.test(part)) continue;
      const e = this.gazetteer.lookup(foldKey(part)).find((x) => x.free && x.type !== "country");
      if (e?.country) return e.country;
    }
    // "Université de Sherbrooke": the town it is named after, when that name is a place of one country only
    const named = /\s(?:de|du|d['’])\s*(\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){0,2})$/u.exec(text.slice(o.start, o.end));
    if (named) {
      const entries = this.gazetteer.lookup(foldKey(named[1]!));
      const countries = new Set(entries.map((e) => e.country));
      if (entries.length && countries.size === 1 && entries[0]!.country) return entries[0]!.country;
    }
    // "..., basé à Toulon", "(Cameroun)"
    const after = text.slice(o.end, o.end + 60);
    const based = /^(?:\s*\([^)]*\))?\s*,?\s*(?:basée?s?|située?s?|implantée?s?|installée?s?)\s+(?:à|en|au|aux|dans)\s+/u.exec(after) ?? /^\s*\(/u.exec(after);
    if (based) {
      const from = o.end + based[0].length;
      const where = places.find((p) => p.start >= from && p.start <= from + 3 && p.country);
      if (where) return where.country;
    }
    // "Université chinoise du Zhejiang": a demonym right after the head word
    const second = text.slice(o.start, o.end).split(/\s+/)[1];
    const inName = second ? this.gazetteer.demonym(second) : null;
    if (inName) return inName;
    // "l'Institut national de technologie agricole argentin": a demonym at the end of the name, or right after it
    const last = /(\p{Ll}[\p{Ll}-]+)$/u.exec(text.slice(o.start, o.end));
    const next = /^\s+(\p{Ll}[\p{Ll}-]+)/u.exec(text.slice(o.end, o.end + 30));
    return (last && this.gazetteer.demonym(last[1]!)) || (next && this.gazetteer.demonym(next[1]!)) || null;
  }
}

const ENGLISH_HEAD_KINDS: [RegExp, PartyKind][] = [
  [/^(?:University|College|Institute)$/, "university"],
  [/^(?:Technopark|Cluster)$/, "cluster"],
  [/^(?:Chamber|Agency|Partnership|Authority|Board|Corporation)/, "agency"],
];

function takeCapitalised(words: { text: string; start: number; end: number }[]): { text: string; start: number; end: number }[] {
  const out: { text: string; start: number; end: number }[] = [];
  for (const w of words) {
    if (/^[\p{Lu}\p{N}]/u.test(w.text)) out.push(w);
    else if (CONNECTOR.test(w.text) && out.length) continue;
    else break;
  }
  return out;
}
