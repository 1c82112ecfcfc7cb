/**
 * People and their roles. A capitalised sequence is a person when the evidence
 * says so: a known first name (gender-detection-from-name), an honorific, a
 * speech verb, a speaker label, a role next to it. Roles are read after the name
 * (", Présidente de la Région Île-de-France") or before it ("le secrétaire
 * d'État John Wobensmith"); the organisation in a role is kept apart.
 */
import type { Env, OrgMention, PersonMention, PlaceMention, Range, RoleMention, Sentence, Token } from "../pipeline/doc.js";
import type { CompiledRule } from "../rules/load.js";
import { alternation, CAP_WORD } from "../rules/compile.js";
import { foldKey } from "../text/fold.js";
import { similarity } from "../text/similarity.js";
import { execWord, scan, within, type RuleMatch, type ScanContext } from "./engine.js";

/** a name does not start right after these */
const NAME_JOINER = /['-]/;
import { sentenceAt } from "../stages/segment.js";
import type { Gazetteer } from "../reference/gazetteer.js";

interface Candidate {
  start: number;
  end: number;
  words: { text: string; start: number; end: number }[];
  score: number;
  rules: string[];
}

export interface Person {
  name: string;
  role: RoleMention | null;
  mentions: PersonMention[];
}

const MAX_ROLE_WORDS = 30;
/** words that end a role phrase */
const ROLE_STOP = /^(?:ont|a|est|sont|était|étaient|sera|seront|se|s|qui|que|qu|dont|lors|afin|avait|avaient|implantée?s?|basée?s?|située?s?|installée?s?|venue?s?|arrivée?s?|accompagnée?s?|présente?s?|ainsi|également|mais|car|puis|selon|avec|signé|signée|signent|rappelle|explique|souligne|précise|indique|déclare|estime|ajoute|depuis|lui|leur|y)$/;

/** lower-case particles and capitalised words that continue a name */
/** the rest of an organisation's name, coordinated ("… Tarbes et Hautes-Pyrénées", "…, d'Industrie et de Services de Casablanca-Settat") */
const ORG_RUNS_ON = /^(?:\s*(?:,|et|&)\s*(?:(?:de\s+la|de|du|des|d['’])\s*)?\p{Lu}[\p{L}\p{N}'’-]*(?:\s+(?:(?:de\s+la|de|du|des|d['’]|et)\s*)?\p{Lu}[\p{L}\p{N}'’-]*)*)+/u;
const NAME_RUNS_ON = /^(?:\s+(?:dos|das|do|da|de|del|della|di|du|des|y|e|el|al)\s+\p{Lu}[\p{L}\p{M}'’-]*)+/u;
const ROLE_YEARS = /\s+(?:de\s+(?:19|20)\d{2}\s+à\s+(?:19|20)\d{2}|entre\s+(?:19|20)\d{2}\s+et\s+(?:19|20)\d{2}|depuis\s+(?:19|20)\d{2}|(?:en|dès)\s+(?:19|20)\d{2})(?=$|[\s,])/u;

export class PeopleReader {
  private readonly cueRules: readonly CompiledRule<"person">[];
  private readonly firstNames: ReadonlySet<string>;
  private readonly nonName: ReadonlySet<string>;
  private readonly nonNameExact: ReadonlySet<string>;
  /** months and weekdays: never a name on their own, but a given name after a surname ("Nguyễn Thị Mai") */
  private readonly calendar: ReadonlySet<string>;
  private readonly honorific: RegExp;
  /** a natural feature's noun right before a name ("la lagune de Tam Giang") */
  private readonly feature: RegExp;
  private readonly roleHead: RegExp;
  private readonly roleHeadAtEnd: RegExp;
  private readonly ranks: ReadonlySet<string>;
  private readonly roleHeads: ReadonlySet<string>;
  private readonly nameRe: RegExp;
  private readonly particles: ReadonlySet<string>;
  private readonly gazetteer: Gazetteer;
  private readonly honorificWords: ReadonlySet<string>;
  private readonly roleHeadList: readonly string[];
  private heads: Range[] = [];
  private roleHeadStart: RegExp | undefined;
  private headAt = new Map<number, Range>();
  private readonly placePrefixes: ReadonlySet<string>;
  private readonly bodyNouns: ReadonlySet<string>;
  private readonly byline: RegExp;
  private readonly street: RegExp;
  /** a byline's author right before: "Par Claire Bonnard", "De notre envoyé spécial, Antoine Leroux" */
  private readonly author: RegExp;
  private readonly institution: RegExp;
  private readonly occupationEnd: RegExp;
  private readonly notOccupations: ReadonlySet<string>;

  constructor(env: Env) {
    const r = env.rules;
    this.cueRules = r.rules("person");
    this.gazetteer = env.gazetteer;
    this.firstNames = env.gazetteer.firstNames;
    this.nonName = new Set(r.lexicon("non_name_words").map(foldKey));
    this.nonNameExact = new Set(r.lexicon("non_name_words").map((w) => w.toLowerCase()));
    this.calendar = new Set([...r.map("months").keys(), ...r.map("weekdays").keys()].map(foldKey));
    this.roleHeads = new Set(r.lexicon("role_heads").map(foldKey));
    this.ranks = new Set(r.lexicon("role_ranks").map(foldKey));
    this.roleHeadList = r.lexicon("role_heads");
    this.particles = new Set(r.lexicon("name_particles").map((p) => p.replace(/'$/, "")));
    this.feature = new RegExp(`(?:^|[^\\p{L}])(?:${alternation(r.lexicon("geographic_features"))})\\s+(?:(?:du|des|de\\s+la|de\\s+l['’]|de|d['’])\\s*)?$`, "iu");
    this.honorific = new RegExp(`(?:^|\\s)${alternation(r.lexicon("honorifics"))}\\s*$`, "u");
    // a rank before the head belongs to the role ("premier bourgmestre", "deuxième adjointe")
    const heads = `(?:(?:${alternation(r.lexicon("role_ranks"))})\\s+)?${alternation(r.lexicon("role_heads"))}`;
    // no leading look-behind (slow): the word start is checked in findHeads
    this.roleHead = new RegExp(`${heads}(?![\\p{L}\\p{N}-])`, "giu");
    this.roleHeadAtEnd = new RegExp(`(?<![\\p{L}\\p{N}-])${heads}$`, "iu");
    const particle = "(?:de|d'|du|des|de\\s+la|van|von|der|den|da|di|del|della|dos|das|y|i|ben|bin|ibn|ould|el|al|zu|ter)";
    const initial = "\\p{Lu}\\.(?:-\\p{Lu}\\.)?";
    const word = `(?:${initial}|${CAP_WORD})`;
    this.nameRe = new RegExp(`${word}(?:(?:[ \\t]+${particle}[ \\t]+|[ \\t]+d'|[ \\t]+)${word}){0,6}(?![\\p{L}\\p{N}])`, "gu");
    this.honorificWords = new Set(r.lexicon("honorifics").map((h) => h.toLowerCase()));
    this.placePrefixes = new Set(r.lexicon("place_prefixes"));
    this.bodyNouns = new Set(r.lexicon("body_nouns"));
    this.occupationEnd = new RegExp(`(?:${alternation(r.lexicon("occupation_suffixes"))})s?$`, "u");
    this.notOccupations = new Set(r.lexicon("not_occupations"));
    this.institution = new RegExp(`\\s(de\\s+la\\s+|de\\s+l'\\s*|du\\s+|des\\s+|à\\s+la\\s+|à\\s+l'\\s*|au\\s+|d'une?\\s+)(${alternation(r.lexicon("institution_nouns"))})(?![\\p{L}])`, "iu");
    this.author = new RegExp(`(?:^|\\n)[ \\t]*(?:${alternation(r.lexicon("byline_markers").filter((b) => !/^Photos?\b/.test(b)))})[ \\t:,]*$`, "u");
    this.street = new RegExp(`(?:^|[\\s,])(?:${alternation(r.lexicon("street_nouns"))})\\s+(?:de\\s+la\\s+|du\\s+|des\\s+|de\\s+)?$`, "iu");
    this.byline = new RegExp(`(?:(?:^|\\n)[ \\t]*${alternation(r.lexicon("byline_markers"))}|${alternation(r.lexicon("credit_markers"))})[^\\n]*$`, "u");
  }

  extract(text: string, sentences: readonly Sentence[], places: readonly PlaceMention[], orgs: readonly OrgMention[], sc?: ScanContext, tokens?: readonly Token[]): Person[] {
    const cues = sc ? sc.scan(this.cueRules) : scan(this.cueRules, text);
    const orgSpans = orgs.filter((o) => o.rule !== "org.known");
    const candidates: Candidate[] = [];
    this.nameRe.lastIndex = 0;
    for (let m = execWord(this.nameRe, text, NAME_JOINER), guard = 0; m && guard < 100000; m = execWord(this.nameRe, text, NAME_JOINER), guard++) {
      // a lone word is refused below unless a title or a cue names it a person: refused here, before the work
      if (!/\s/u.test(m[0]) && !this.titled(text, m.index, cues)) continue;
      const c = this.candidate(text, m.index, m[0]);
      if (c) candidates.push(c);
    }
    const mentions: PersonMention[] = [];
    const bylined = new Set<string>();
    this.heads = tokens ? this.findHeadsInTokens(tokens) : this.findHeads(text);
    this.headAt = new Map(this.heads.map((h) => [h.start, h]));
    for (const c of candidates) {
      let score = c.score;
      const rules = [...c.rules];
      const cue = cues.find((q) => q.groups.name && q.groups.name.start <= c.start && q.groups.name.end >= c.start);
      if (cue) {
        score += 3;
        rules.unshift(cue.rule);
      }
      const before = text.slice(Math.max(0, c.start - 25), c.start);
      if (this.honorific.test(before)) {
        score += 3;
        rules.unshift("person.honorific");
      }
      // cheap refusals first: a lone word without a title, a credit, an organisation's name, no chance
      if (c.words.length === 1 && !this.titled(text, c.start, cues)) continue;
      if (score < 0) continue;
      // a byline or a photo credit: not a person of the article; a street named after someone ("99, avenue Jean-Baptiste Clément")
      if (this.byline.test(text.slice(Math.max(0, c.start - 120), c.start))) {
        // (the author of a byline; not the people a caption or credit names)
        if (this.author.test(text.slice(Math.max(0, c.start - 40), c.start))) bylined.add(this.normaliseName(c.words.map((w) => w.text)));
        continue;
      }
      if (this.street.test(before)) continue;
      // a natural feature's name ("la lagune de Tam Giang", "le lac Titicaca")
      if (this.feature.test(before)) continue;
      // inside an organisation's name ("Fondation Jean Jaurès" is kept as an organisation)
      if (orgSpans.some((o) => o.start <= c.start && o.end >= c.end && o.start < c.start)) continue;
      // inside a body's name read whole ("la Métropole Toulon Provence Méditerranée")
      if (places.some((p) => p.whole && p.start < c.start && p.end >= c.end)) continue;
      const role = this.roleAfter(text, c.end, places, orgs) ?? this.roleBefore(text, c.start, sentences, places, orgs);
      if (role) score += 3;
      if (score < 3) continue;
      mentions.push({ start: c.start, end: c.end, name: this.normaliseName(c.words.map((w) => w.text)), rule: rules[0] ?? "person.first_name", role });
    }
    this.respectively(text, mentions, places, orgs);
    // the author named in the byline, signing again at the foot of the article, is not one of its people
    return this.merge(text, bylined.size ? mentions.filter((m) => !bylined.has(m.name)) : mentions);
  }

  /**
   * "paraphé par A, B et C, respectivement présidente du Département, président de
   * l'agglomération et ministre du Tourisme": the roles of the list go to the names in order,
   * when there are as many of each.
   */
  private respectively(text: string, mentions: PersonMention[], places: readonly PlaceMention[], orgs: readonly OrgMention[]): void {
    const sorted = [...mentions].sort((a, b) => a.start - b.start);
    const re = /,\s*respectivement\s+/gu;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      // the names just before it: "A, B et C"
      const names: PersonMention[] = [];
      let at = m.index;
      for (let i = sorted.length - 1; i >= 0; i--) {
        const p = sorted[i]!;
        if (p.end > at) continue;
        const gap = text.slice(p.end, at);
        if (!(names.length === 0 ? gap.trim() === "" : /^\s*(?:,|et)\s*$/u.test(gap))) break;
        names.unshift(p);
        at = p.start;
      }
      if (names.length < 2) continue;
      // the roles after it, cut where the next one starts with a role head
      const from = m.index + m[0].length;
      const stop = /[.;:!?\n]/u.exec(text.slice(from));
      const limit = from + (stop ? stop.index : text.length - from);
      const cuts: { end: number; next: number }[] = [];
      const sep = /\s*,\s*|\s+et\s+/gu;
      sep.lastIndex = from;
      for (let x = sep.exec(text); x && x.index < limit; x = sep.exec(text)) {
        const next = x.index + x[0].length;
        if (this.headStartingAt(text, next)) cuts.push({ end: x.index, next });
      }
      if (cuts.length !== names.length - 1 || !this.headStartingAt(text, from)) continue;
      names.forEach((p, i) => {
        const start = i === 0 ? from : cuts[i - 1]!.next;
        // the last role ends where a role ends ("…, ont signé" is the sentence going on)
        const head = this.headStartingAt(text, start)!;
        const end = i < cuts.length ? cuts[i]!.end : Math.min(limit, this.roleEnd(text, head.end, orgs));
        if (!p.role) p.role = this.role(text, start, end, places, orgs, "role.respectively");
      });
    }
  }

  /** A title before `start` ("M.", "Mme"), or a cue of that kind naming it: what lets a lone word be a person. */
  private titled(text: string, start: number, cues: readonly RuleMatch[]): boolean {
    if (this.honorific.test(text.slice(Math.max(0, start - 25), start))) return true;
    const cue = cues.find((q) => q.groups.name && q.groups.name.start <= start && q.groups.name.end >= start);
    return !!cue && /^person\.(?:honorific|plural_honorific)$/.test(cue.rule);
  }

  /** Trims a capitalised sequence to the words that may be a name, and scores the first name. */
  private candidate(text: string, start: number, seq: string): Candidate | null {
    const words: { text: string; start: number; end: number }[] = [];
    const re = /\S+/g;
    for (let w = re.exec(seq); w; w = re.exec(seq)) words.push({ text: w[0], start: start + w.index, end: start + w.index + w[0].length });
    // drop leading words that are not names (sentence-initial "Cette", role words, "Lieutenant-gouverneur")
    // "Santa Teresa Gallura", "North Carolina": a place, not a person
    const placeFirst = () => this.placePrefixes.has(words[0]!.text) || this.placePrefixes.has(words[0]!.text.split("-")[0]!);
    if (placeFirst() || words.some((w) => this.bodyNouns.has(w.text))) return null;
    let honorific = false;
    while (words.length && (this.isNonName(words[0]!.text) || this.roleHeads.has(foldKey(words[0]!.text)) || this.particles.has(words[0]!.text.toLowerCase()) || this.honorificWords.has(words[0]!.text.toLowerCase()))) {
      if (this.honorificWords.has(words.shift()!.text.toLowerCase())) honorific = true;
    }
    // ("Interreg Océan Indien": a place once the words before it are dropped)
    if (words.length && placeFirst()) return null;
    // "du Maryland Kelly Schulz": places before a first name are not part of the name
    // "Commerce du Maryland Kelly Schulz": a first name after words that are not names starts the name
    // (only after a place or a word that is never a name: "Phan Thị Thu Hà" stays whole)
    const firstNameAt = words.findIndex((w, i) => i > 0 && this.isFirstName(w.text) && !this.particles.has(words[i - 1]!.text.toLowerCase()));
    if (firstNameAt > 0) {
      const before = words[firstNameAt - 1]!.text;
      // (a first word that is a place and a given name too starts the name: "Montserrat Vidal Casals", "Victoria Martin")
      const givenPlace = firstNameAt === 1 && this.isFirstName(before);
      if ((this.isPlaceName(before) && !givenPlace) || this.isNonName(before)) words.splice(0, firstNameAt);
    }
    // (a month after a name is part of it: "Nguyễn Thị Mai"; "Mai" alone is the month)
    const calendarName = (i: number) => i >= 1 && this.calendar.has(foldKey(words[i]!.text)) && !this.particles.has(words[i - 1]!.text.toLowerCase()) && !this.isNonName(words[i - 1]!.text);
    while (words.length && ((this.isNonName(words[words.length - 1]!.text) && !calendarName(words.length - 1)) || this.particles.has(words[words.length - 1]!.text.toLowerCase()))) words.pop();
    if (words.length === 0 || words.length > 5) return null;
    // an acronym is not a first name ("CMA Martinique"), unless a title says it is a surname ("M. KIM Seong-ho")
    if (!honorific && /^\p{Lu}{2,}$/u.test(words[0]!.text) && !this.honorific.test(text.slice(Math.max(0, words[0]!.start - 8), words[0]!.start))) return null;
    const capWords = words.filter((w) => /^\p{Lu}/u.test(w.text));
    // "Tourisme du Bade-Wurtemberg": a particle before a place makes a description, not a name
    for (let i = 1; i < words.length; i++) {
      if (this.particles.has(words[i - 1]!.text.toLowerCase()) && this.gazetteer.lookup(foldKey(words.slice(i).map((w) => w.text).join(" "))).some((e) => e.type !== "fr_commune" || e.free)) return null;
    }
    if (capWords.some((w) => this.isNonName(w.text) && !/^(?:Le|La|De|Du|Des|LE|LA|DE|DU|DES)$/.test(w.text) && !calendarName(words.indexOf(w)))) return null;
    const first = words[0]!.text;
    const whole = foldKey(words.map((w) => w.text).join(" "));
    let score = 0;
    const rules: string[] = [];
    const firstIsPlace = this.isPlaceName(first);
    if (this.isFirstName(first)) {
      if (!firstIsPlace) {
        score += 3;
        rules.push("person.first_name");
      } else score += 1;
    }
    // A whole sequence that is a place or an organisation is not a person.
    if (this.gazetteer.lookup(whole).length) score -= 3;
    if (words.length >= 2 && words.slice(1).some((w) => /^\p{Lu}{2,}/u.test(w.text) && w.text === w.text.toUpperCase())) score += 1;
    return { start: words[0]!.start, end: words[words.length - 1]!.end, words, score, rules };
  }

  /**
   * A place read on its own (a big city, a country, a region...): "Lucas", a small Brazilian
   * town, or "Marie", a French village, are given names before anything else.
   */
  private isPlaceName(word: string): boolean {
    return this.gazetteer.lookup(foldKey(word)).some((e) => e.free || (e.type !== "fr_commune" && e.type !== "city"));
  }

  /** A word that is never part of a name; "Lê" (Vietnamese) is not "Le": its diacritics count. */
  private isNonName(word: string): boolean {
    if (!this.nonName.has(foldKey(word))) return false;
    const lower = word.toLowerCase();
    return this.nonNameExact.has(lower) || lower.normalize("NFD").replace(/\p{M}/gu, "") === lower;
  }

  /** A given name of at least three letters ("Marie-Guite": its first part). */
  private isFirstName(word: string): boolean {
    const head = word.split("-")[0]!;
    if (head.length < 3 || !/^\p{Lu}\p{Ll}/u.test(word)) return false;
    return this.firstNames.has(word.toLowerCase()) || this.firstNames.has(head.toLowerCase());
  }

  /** "Nicolas PARIS" → "Nicolas Paris"; "Jean-Yves LE DRIAN" → "Jean-Yves Le Drian". */
  normaliseName(words: string[]): string {
    return words
      .map((w, i) => {
        if (i > 0 && this.particles.has(w.toLowerCase()) && w === w.toLowerCase()) return w;
        if (w.length >= 2 && w === w.toUpperCase() && /\p{Lu}{2}/u.test(w)) {
          return w.toLowerCase().replace(/(^|[-'’\s])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase());
        }
        return w;
      })
      .join(" ");
  }

  /** ", Présidente de la Région Île-de-France" after a name. */
  private roleAfter(text: string, end: number, places: readonly PlaceMention[], orgs: readonly OrgMention[]): RoleMention | null {
    const after = text.slice(end, end + 400);
    // (past the person's age: "Lucas Meyer, 19 ans, apprenti mécatronicien")
    // (or a relative clause that says it, "Gérard Michelis, qui fut son directeur de cabinet", or
    // an adverb of time, "Mathieu Kieffer, jusqu'ici responsable des relations internationales")
    const m = /^\s*(?:,|\(|–|-)\s*(?:\d{1,3}\s+ans\s*,\s*)?(?:qui\s+(?:fut|était|est|reste|demeure|devient|sera)\s+|(?:jusqu['’](?:ici|alors|à\s+présent)|désormais|actuellement|aujourd['’]hui|alors)\s+)?(?:l[ae]\s+|l'|notre\s+|votre\s+|leur\s+|son\s+|sa\s+|actuel(?:le)?\s+|nouvel(?:le)?\s+|ancien(?:ne)?\s+|future?\s+)?/u.exec(after);
    if (!m) return null;
    const start = end + m[0].length;
    const h = this.headStartingAt(text, start);
    if (!h) return null;
    const phraseEnd = this.roleEnd(text, h.end, orgs);
    // ", l'élu a visité": the subject of a new clause, not an apposition
    if (/^\s+(?:a|ont|est|sont|avait|avaient|était|se|s'|va|vont|sera|fut|n'a|n'est)(?![\p{L}])/u.test(text.slice(phraseEnd, phraseEnd + 8))) return null;
    // "le président de la Foire, Philippe Barbier, le maire de Châlons, Jean-Marc Thiébault": a role
    // with its article that a name follows is that next person's
    const next = /^\s*(?:\([^()\n]{1,30}\)\s*)?,\s*(?:(?:M\.|Mme|MM\.|Dr\.?|Pr\.?)\s+)?(\p{Lu}[\p{L}-]+)\s+\p{Lu}/u.exec(text.slice(phraseEnd, phraseEnd + 90));
    if (next && /(?:l[ae]\s+|l')$/u.test(m[0]) && this.isFirstName(next[1]!)) return null;
    return this.role(text, start, phraseEnd, places, orgs, "role.after_name");
  }

  /** "le secrétaire d'État John Wobensmith": the role phrase that ends right before a name. */
  private roleBefore(text: string, nameStart: number, sentences: readonly Sentence[], places: readonly PlaceMention[], orgs: readonly OrgMention[]): RoleMention | null {
    const si = sentenceAt(sentences, nameStart);
    const from = Math.max(si >= 0 ? sentences[si]!.start : 0, nameStart - 300);
    const window = text.slice(from, nameStart);
    if (!/\s$/.test(window)) return null;
    let best: RoleMention | null = null;
    for (const h of within(this.heads, from, nameStart)) {
      const start = h.start;
      const end = this.roleEnd(text, h.end, orgs);
      // the role must run up to the name ("le recteur de l'Université Laval, Marc-André Tremblay"),
      // and be introduced by a determiner or a preposition
      const gap = text.slice(end, nameStart);
      // (past an acronym or a country in brackets: "… de Martinique (CTM), Gilbert Rosemond", "le maire de Bohicon (Bénin), Luc Agbodjan")
      if (gap.trim() !== "" && !/^\s*(?:\(\p{Lu}[\p{L}\p{N}&.' -]{1,30}\)\s*)?(?:depuis\s+(?:\d{4}|\p{L}+\s+\d{4})\s*)?,\s*(?:(?:M\.|Mme|MM\.|Dr\.?|Pr\.?)\s+)?$/u.test(gap)) continue;
      const intro = text.slice(Math.max(from, start - 14), start);
      if (start > from && !/(?:^|\s|')(?:l[ae]|l'|les|du|de\s+la|des|au|aux|son|sa|leur|leurs|notre|nos|votre|par\s+l[ae]|par\s+l'|avec\s+l[ae]|avec\s+l'|:|,|et|dont\s+l[ae]|dont\s+l')\s*$/iu.test(intro) && !/^\s*$/.test(intro)) continue;
      // the earliest head whose role runs up to the name gives the most complete role
      // ("l'adjointe au maire chargée des relations internationales, Sylvie Marcadier")
      best = this.role(text, start, end, places, orgs, "role.before_name");
      if (best) break;
    }
    return best;
  }

  /** Role nouns by their words: first folded word → the phrases that start with it, longest first. */
  private headPhrases: Map<string, string[][]> | undefined;

  /** Every role noun of the text, found on its tokens (faster than the big alternation). */
  private findHeadsInTokens(tokens: readonly Token[]): Range[] {
    if (!this.headPhrases) {
      this.headPhrases = new Map();
      for (const h of this.roleHeadList) {
        const words = foldKey(h).split(" ");
        const list = this.headPhrases.get(words[0]!) ?? [];
        list.push(words);
        this.headPhrases.set(words[0]!, list);
      }
      for (const list of this.headPhrases.values()) list.sort((a, b) => b.length - a.length);
    }
    const out: Range[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const list = this.headPhrases.get(tokens[i]!.fold);
      if (!list) continue;
      for (const words of list) {
        let ok = i + words.length <= tokens.length;
        for (let k = 1; ok && k < words.length; k++) ok = tokens[i + k - 1]!.joinsNext && tokens[i + k]!.fold === words[k];
        if (ok) {
          // a rank before the head belongs to the role ("premier bourgmestre")
          const rank = i > 0 && tokens[i - 1]!.joinsNext && this.ranks.has(tokens[i - 1]!.fold);
          out.push({ start: tokens[rank ? i - 1 : i]!.start, end: tokens[i + words.length - 1]!.end });
          i += words.length - 1;
          break;
        }
      }
    }
    return out;
  }

  /** Every role noun of the text, once (roles before and after names are looked up here). */
  private findHeads(text: string): Range[] {
    const out: Range[] = [];
    const re = this.roleHead;
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const prev = text[m.index - 1];
      if (m.index > 0 && prev !== undefined && /[\p{L}\p{N}-]/u.test(prev)) {
        re.lastIndex = m.index + 1;
        continue;
      }
      out.push({ start: m.index, end: m.index + m[0].length });
    }
    return out;
  }

  /** Where a role phrase that starts at a role head ends. */
  private roleEnd(text: string, from: number, orgs: readonly OrgMention[] = []): number {
    const re = /([,;:.!?()«»"\n–—|])|([\p{L}\p{N}][\p{L}\p{N}'’-]*)/gu;
    re.lastIndex = from;
    let end = from;
    let words = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (m[1]) {
        // a gloss in brackets right after the role noun goes on ("la sindaca (maire) de Portovenere")
        if (m[1] === "(" && words === 0) {
          const close = text.indexOf(")", m.index);
          if (close > m.index && close - m.index <= 30 && !/[()\n]/u.test(text.slice(m.index + 1, close))) {
            re.lastIndex = close + 1;
            continue;
          }
        }
        if (m[1] !== ",") break;
        // a comma goes on only into a complement ("..., du patrimoine, des langues")
        const next = /^\s*([\p{L}]+)(['’]?)\s*([\p{L}]+)?/u.exec(text.slice(m.index + 1));
        if (!next || !/^(?:de|du|des|d)$/i.test(next[1]!)) break;
        // ", de Maddi Harriet, vice-présidente ...": the next person of a list, not a complement
        if (next[3] && /^(?:de|d)$/i.test(next[1]!) && (this.isFirstName(next[3]) || /^(?:M|Mme|MM)$/.test(next[3]))) break;
        // ", de renforcer ...": an infinitive, not a complement of the role
        if (next[3] && /^(?:de|d)$/i.test(next[1]!) && /(?:er|ir|re)$/.test(next[3]) && !/^(?:la|le|les)$/i.test(next[3])) break;
        continue;
      }
      const w = m[2]!.replace(/['’]$/, "");
      if (ROLE_STOP.test(w)) break;
      if (w.toLowerCase() === "et") {
        const next = /^\s*([\p{L}]+)/u.exec(text.slice(m.index + m[0].length));
        const nw = next?.[1] ?? "";
        if (/^(?:le|la|les|l|un|une|son|sa|ses|leur|M|Mme)$/i.test(nw) || (/^\p{Lu}/u.test(nw) && this.firstNames.has(nw.toLowerCase()))) break;
      }
      // a name starting: the role stops before it (not inside an organisation's name: "la
      // présidente de l'Université Sorbonne Paris Nord, Hélène Marot")
      if (this.isFirstName(w) && /^\s+\p{Lu}/u.test(text.slice(m.index + m[0].length)) && !orgs.some((o) => o.start < m!.index && m!.index < o.end)) {
        const prev = text.slice(Math.max(0, m.index - 6), m.index);
        if (!/(?:de|du|des|d'|la|le|chez|à|au|aux)\s*$/iu.test(prev)) break;
      }
      if (/^en$/i.test(w) && /^\s+[\p{L}]+ant(?![\p{L}])/u.test(text.slice(m.index + m[0].length))) break;
      end = m.index + m[0].length;
      if (++words >= MAX_ROLE_WORDS) break;
    }
    return end;
  }

  /** A role phrase, with its organisation taken out. */
  private role(text: string, start: number, end: number, places: readonly PlaceMention[], orgs: readonly OrgMention[], rule: string): RoleMention | null {
    let phrase = text.slice(start, end).trim();
    if (!phrase) return null;
    const phraseEnd = start + phrase.length;
    // the first organisation or party named inside the role, after a preposition
    // (a place read through a trigger that is the role itself, "maire de Lectoure", counts from
    // its name; through one inside the role, "consul du Royaume du Maroc", from the trigger)
    const inner = [...orgs.filter((o) => o.rule !== "org.acronym").map((o) => ({ start: o.start, end: o.end, town: false })), ...places.filter((p) => p.role !== "qualifier").map((p) => ({ start: p.start > start ? p.start : p.nameStart, end: p.end, town: p.kind === "city" }))]
      .filter((x) => x.start > start && x.end <= phraseEnd)
      .sort((a, b) => a.start - b.start || b.end - a.end);
    let organization: string | null = null;
    let orgRange: { start: number; end: number } | null = null;
    let cutFrom = -1;
    let cutTo = -1;
    for (const o of inner) {
      const lead = text.slice(start, o.start);
      // (a town after "à" is where the person works, as a mayor's town is the mayor's: "agricultrice à Vitry-le-François")
      const prep = /(?:\s|^)(de\s+la|de\s+l'|du|des|de|d'|chez|à\s+la|à\s+l'|au|à|auprès\s+de\s+la|auprès\s+du)\s*((?:[\p{Ll}]+\s+){0,2})$/u.exec(lead);
      if (!prep || (prep[1] === "à" && (!o.town || prep[2] !== ""))) continue;
      cutFrom = start + prep.index + (prep[0].startsWith(" ") ? 1 : 0);
      cutTo = o.end;
      organization = text.slice(start + prep.index + prep[0].length - prep[2]!.length, o.end).trim();
      orgRange = { start: o.start, end: o.end };
      break;
    }
    // "présidente de l'autorité portuaire de Vigo": an institution noun starts the organisation
    const inst = this.institution.exec(phrase);
    if (inst && (cutFrom < 0 || start + inst.index + 1 < cutFrom) && !/(?:charg|délégu|en\s+charge|responsable)\S*\s*$/iu.test(phrase.slice(0, inst.index))) {
      const orgStart = start + inst.index + inst[0].length - inst[2]!.length;
      const rest = text.slice(orgStart, phraseEnd);
      const stop = /,|\s(?:chargée?s?|déléguée?s?|en\s+charge)\s/u.exec(rest);
      const orgEnd = orgStart + (stop ? stop.index : rest.length);
      cutFrom = start + inst.index + 1;
      cutTo = orgEnd;
      organization = text.slice(orgStart, orgEnd).trim();
      orgRange = { start: orgStart, end: orgEnd };
    }
    if (cutFrom < 0) {
      // a town the text names nowhere else, after "à" at the end of the role ("agricultrice à Vitry-le-François")
      const town = /\sà\s+(\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*){0,2})$/u.exec(phrase);
      if (town && this.gazetteer.lookup(foldKey(town[1]!)).some((e) => e.type === "fr_commune" || e.type === "city")) {
        cutFrom = start + town.index + 1;
        cutTo = phraseEnd;
        organization = town[1]!;
        orgRange = { start: phraseEnd - town[1]!.length, end: phraseEnd };
      }
    }
    if (cutFrom < 0) {
      // "chez My Cyber Royaume", "de la Région" (named nowhere)
      const chez = /\s(chez)\s+(\p{Lu}[\p{L}\p{N}'’-]*(?:\s+\p{Lu}[\p{L}\p{N}'’-]*){0,5})/u.exec(phrase);
      const bare = /\s(de\s+la|du|à\s+la|de\s+l')\s+((?:[Cc]onseil\s+régional|[Cc]onseil\s+départemental|[Rr]égion|[Dd]épartement|[Vv]ille|[Mm]étropole|[Cc]ommune|[Aa]gglomération|[Cc]ollectivité|[Pp]rovince|[Mm]airie|[Aa]ssemblée))(?![\s-]+(?:\p{Lu}|de\s+\p{Lu}|du\s+\p{Lu}|d'\p{Lu}))(?![\p{L}])/u.exec(phrase);
      const hit = chez ?? bare;
      if (hit) {
        cutFrom = start + hit.index + 1;
        cutTo = start + hit.index + hit[0].length;
        organization = hit[2]!;
        organization = organization[0]!.toUpperCase() + organization.slice(1);
        orgRange = { start: cutTo - hit[2]!.length, end: cutTo };
      }
    }
    if (cutFrom >= 0) {
      // a name that runs on past the place found inside it ("São José" of "São José dos Campos")
      const rest = NAME_RUNS_ON.exec(text.slice(cutTo, phraseEnd));
      if (rest) {
        cutTo += rest[0].length;
        if (organization && orgRange && orgRange.end === cutTo - rest[0].length) {
          organization += rest[0];
          orgRange = { start: orgRange.start, end: cutTo };
        }
      }
      // an organisation whose name goes on past what was recognised ("la CCI Tarbes et Hautes-Pyrénées")
      const more = ORG_RUNS_ON.exec(text.slice(cutTo, phraseEnd));
      if (more) {
        if (organization && orgRange && orgRange.end === cutTo) {
          organization += more[0];
          orgRange = { start: orgRange.start, end: cutTo + more[0].length };
        }
        cutTo += more[0].length;
      }
      phrase = (text.slice(start, cutFrom) + " " + text.slice(cutTo, phraseEnd)).replace(/\s+/g, " ").trim();
    }
    // the years a role was held are not part of it ("président de 1992 à 2008"), nor a gloss ("sindaca (maire)")
    phrase = phrase.replace(ROLE_YEARS, "").replace(/\s*\([^()]{1,30}\)/gu, "");
    // a second role joined by "et" ("Président du cluster BioForward et dirigeant de ...") is left out
    const second = /\s+et\s+/u.exec(phrase);
    if (second && this.startsWithRoleHead(phrase.slice(second.index + second[0].length))) phrase = phrase.slice(0, second.index);
    phrase = phrase.replace(/[\s,]+$/u, "").replace(/^[\s,]+/u, "");
    if (!phrase || !SCOPE_OR_HEAD.test(phrase)) return null;
    return { start, end: phraseEnd, text: phrase, organization, orgRange, rule };
  }

  /** The role head that starts at `start`: a listed one, else an occupation's word. */
  private headStartingAt(text: string, start: number): Range | null {
    return this.headAt.get(start) ?? this.occupationAt(text, start);
  }

  /** A lower-case word with an occupation's ending ("distillateur", "doctorante"), as a role head. */
  private occupationAt(text: string, start: number): Range | null {
    const w = /^\p{Ll}[\p{Ll}-]{4,}(?![\p{L}'’])/u.exec(text.slice(start, start + 40));
    if (!w || !this.occupationEnd.test(w[0]) || this.notOccupations.has(w[0])) return null;
    return { start, end: start + w[0].length };
  }

  private startsWithRoleHead(s: string): boolean {
    this.roleHeadStart ??= new RegExp(`^${this.roleHead.source}`, "iu");
    return this.roleHeadStart.test(s);
  }

  /** One person per name: surname-only mentions join the full name; roles: the most complete. */
  private merge(text: string, mentions: PersonMention[]): Person[] {
    const people: Person[] = [];
    const byKey = new Map<string, Person>();
    const sorted = [...mentions].sort((a, b) => a.start - b.start);
    const full = sorted.filter((m) => m.name.includes(" "));
    for (const m of sorted) {
      let key = foldKey(m.name);
      // "Decoster", "Etxeberria Goñi": the end of a fuller name given in the article
      // "Mme Zhao", "M. Nguyen": the start of a full name given family name first ("Zhao Lina",
      // its last word a first name), or whose first word is no first name
      const familyFirst = (f: PersonMention) => !this.isFirstName(m.name) || this.isFirstName(f.name.split(" ").pop()!);
      const owner =
        full.find((f) => foldKey(f.name).endsWith(` ${key}`) && foldKey(f.name) !== key) ??
        (!m.name.includes(" ") ? full.find((f) => foldKey(f.name).startsWith(`${key} `) && familyFirst(f)) : undefined);
      if (owner) key = foldKey(owner.name);
      // a spelling variant of a name already met ("Abrahamse Pleux", "Pecresse")
      else if (m.name.includes(" ") && !byKey.has(key)) {
        const variant = [...byKey.keys()].find((k) => k.includes(" ") && k[0] === key[0] && similarity(k, key) >= 0.95);
        if (variant) key = variant;
      }
      let p = byKey.get(key);
      if (!p) {
        p = { name: m.name, role: null, mentions: [] };
        byKey.set(key, p);
        people.push(p);
      } else if (m.name.includes(" ") && !p.name.includes(" ")) {
        p.name = m.name;
      }
      p.mentions.push(m);
      if (m.role && (!p.role || roleWeight(m.role) > roleWeight(p.role))) p.role = m.role;
    }
    // a person first named by surname only, later in full: order by first mention stays
    // later bare mentions of known full names ("Benoît Savoure." alone at the end) are found by the name scan already
    void text;
    return people.sort((a, b) => a.mentions[0]!.start - b.mentions[0]!.start);
  }
}

const SCOPE_OR_HEAD = /\p{L}/u;

function roleWeight(r: RoleMention): number {
  return r.text.split(/\s+/).length + (r.organization ? 2 : 0);
}

