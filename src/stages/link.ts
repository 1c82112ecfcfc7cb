/**
 * Stage 6, link: agreement words become agreement records. For each word, the
 * clause around it says who the parties are ("entre A et B", "avec A", the
 * subject of "ont signé"), its status (the strongest cue), its date, place,
 * duration, period, signatories and sectors (in the clause, a footnote it points
 * to, a list of domains that follows). Mentions of one agreement are merged.
 */
import type { AgreementStatus, AgreementType, PartyKind, SectorCode } from "../schema/record.js";
import { SECTORS } from "../schema/record.js";
import type { AgreementWord, Doc, OrgMention, PlaceMention, Range, Sentence, StatusCue, Temporal } from "../pipeline/doc.js";
import type { Runtime } from "../pipeline/env.js";
import type { Person } from "../extract/people.js";
import { foldKey } from "../text/fold.js";
import { alternation } from "../rules/compile.js";
import { isNavigation, sentenceAt } from "./segment.js";
import { hasWord, overlaps } from "../extract/engine.js";
import { refFromValue } from "../extract/dates.js";

export interface LinkedParty {
  name: string;
  kind: PartyKind;
  country: string | null;
  code: string | null;
  mentions: Range[];
  rule: string;
  /** the article's host, added because the clause names no French party */
  host: boolean;
}

export interface LinkedAgreement {
  type: AgreementType;
  typeRule: string;
  priority: number;
  status: AgreementStatus;
  statusRule: string;
  statusWeight: number;
  statusRange: Range | null;
  parties: LinkedParty[];
  date: Temporal | null;
  period: { from: string; to: string; rule: string; range: Range } | null;
  duration: { years: number; rule: string; range: Range } | null;
  place: { name: string; rule: string; range: Range } | null;
  sectors: { code: SectorCode; rule: string; range: Range }[];
  signatories: { name: string; range: Range }[];
  evidence: Range[];
  words: AgreementWord[];
}

export interface LinkResult {
  agreements: LinkedAgreement[];
  articleSectors: { code: SectorCode; rule: string; range: Range }[];
  warnings: string[];
}

type Entity = { start: number; end: number; name: string; kind: PartyKind; country: string | null; code: string | null; rule: string };

const CHUNK_END = /;|\.(?:\s|$)|\s(?:afin\s+d|pour\s+(?:développer|renforcer|favoriser|mettre|promouvoir|soutenir)|visant\s+à|dans\s+le\s+but|dans\s+le\s+cadre|qui\s|dont\s|lors\s+d)/iu;
const SIGNATORY_CUT = /\s(?:en\s+présence\s+d|aux\s+côtés\s+d|devant\s|sous\s+l['’]égide|à\s+l['’]invitation|accompagnée?s?\s+d|entourée?s?\s+d|et\s+en\s+présence)/iu;
const DOMAIN_PARAGRAPHS = 1;
/** how many paragraphs (headings count as one) after an agreement a section that gives its domains may come */
const DOMAIN_SECTION_PARAGRAPHS = 6;
/** the nouns by which an agreement's domains are announced */
const DOMAIN_NOUNS = "priorités|axes|volets|domaines|chantiers|thématiques|thèmes|orientations|objectifs|champs\\s+d['’]action|secteurs";
/** a heading that announces an agreement's domains: "Trois priorités", "Quatre axes de travail", "Les domaines retenus" */
const DOMAIN_HEADING = new RegExp(`(?:^|\\s)(?:${DOMAIN_NOUNS})(?![\\p{L}])`, "iu");
/** a heading about what an agreement holds: "Ce que contient la déclaration", "Ce que prévoit l'accord" */
const CONTENT_HEADING = /(?:^|\s)(?:contient|prévoit|contenu)\s+(?:de\s+)?(?:la|le|l['’]|ce|cet|cette)\s*(?:accord|convention|déclaration|texte|protocole|charte|mémorandum|feuille\s+de\s+route)(?![\p{L}])/iu;
/** a partner described by its kind and country ("avec son homologue de la ville portugaise", "avec la commune malienne") */
const DESCRIBED_PARTNER = /(?:avec|entre)\s+(?:(?:son|sa|leur)\s+homologues?\s+(?:de\s+la|du|de\s+l['’])\s*|la\s+|cette\s+)(?:ville|commune|municipalité|cité)(?:\s+(\p{Ll}[\p{Ll}-]+))?(?![\p{L}])(?!\s+(?:de|d['’]|du)\s*\p{Lu})/u;
/** words by which an agreement provides for another ("Elle prévoit la négociation d'un accord") */
const FORESEES = /(?:^|\s)(?:prévoit|prévoient|prévoyait|ouvre\s+la\s+voie\s+à|prépare|préparent|annonce|annoncent)(?:\s+[\p{L}'’-]+){0,4}\s+$/iu;
/** "une nouvelle charte", "un nouvel accord": the new text of an agreement renewed */
const NEW_TEXT_BEFORE = /(?:^|\s)(?:une\s+nouvelle|un\s+nouvel|un\s+nouveau)\s+$/iu;
/**
 * a sentence that lists domains, or counts them for the sentences after to give ("trois axes :",
 * "dans les domaines de", "La charte retient quatre orientations. La première porte sur …")
 */
const DOMAIN_LIST = new RegExp(`(?:(?:^|\\s)(?:${DOMAIN_NOUNS})(?:\\s+[\\p{L}'’-]+){0,3}\\s*:|dans\\s+les\\s+domaines\\s+d|(?:^|\\s)(?:deux|trois|quatre|cinq|six|sept|huit|[2-9])\\s+(?:grand(?:e)?s\\s+|principa(?:ux|les)\\s+)?(?:${DOMAIN_NOUNS})(?:\\s+[\\p{L}'’-]+){0,3}\\s*[.:])`, "iu");
/** a word that links a sentence to the one before ("Mais le texte…", "Concrètement, l'accord…") */
const CONNECTIVE = /^(?:mais|et|or|enfin|ainsi|concrètement|par\s+ailleurs|en\s+outre|de\s+plus|surtout)\s*,?\s+/iu;
/** "les deux collectivités": the article's two main parties */
const ANAPHORA_PAIR = /(?:^|\s)(?:les|leurs|nos|ces)\s+deux\s+(?:collectivités|régions|territoires|villes|partenaires|exécutifs|institutions|départements|provinces|parties|signataires|communes|métropoles|entités|structures|universités|chambres|pays)/iu;
/** "ce protocole", "l'accord": a mention of an agreement already named */
const DEFINITE_BEFORE = /(?:^|[\s'’])(?:ce|cet|cette|ces|le|la|l'|l’|les|leur|leurs|son|sa|ses|notre|nos|du|au|ledit|ladite)\s*(?:(?:premier|première|nouvel|nouveau|nouvelle|précédent|précédente|même|dernier|dernière|présent|présente|actuel|actuelle|futur|future)\s+)?$/iu;
const COREFERENCE_WINDOW = 4;
/** a sentence that goes on about the agreement just named */
const AGREEMENT_ANAPHORA = /^(?:«\s*)?(?:l['’]accord|le\s+(?:nouvel\s+accord|nouveau\s+texte|texte|protocole|document|pacte|partenariat|mémorandum|programme)|la\s+(?:convention|charte|déclaration|lettre|feuille\s+de\s+route|coopération|nouvelle\s+convention)|cet\s+accord|cette\s+(?:convention|coopération|charte|déclaration|lettre|entente)|ce\s+(?:partenariat|protocole|texte|pacte|mémorandum|jumelage|document)|il|elle|celui-ci|celle-ci|concrètement|les\s+(?:deux|trois|quatre|cinq|six)\s+(?:collectivités|régions|partenaires|territoires|villes|signataires|parties))(?![\p{L}])/iu;
const LOOKBACK = 3;
/** a sentence about the signing of the agreement just named */
const SIGNING_ANAPHORA = /^(?:«\s*)?(?:[^,.;:«»]{3,50},\s*)?(?:(?:sa|la|leur)\s+signature|(?:il|elle|le\s+texte|le\s+document|la\s+convention|l['’]accord)\s+(?:sera|devrait\s+être|doit\s+être|a\s+été|avait\s+été)\s+(?:officiellement\s+)?(?:signée?|paraphée?))(?![\p{L}])/iu;

/** `sentence`: where the agreement is first named; `seen`: every sentence that speaks of it */
type Draft = LinkedAgreement & { cueless: boolean; sentence: number; seen: number[]; body?: Range; weakDate?: boolean; signingDated?: boolean };

/** a sentence about a signing */
const SIGNING_WORD = /(?:^|[^\p{L}])(?:signature|sign[ée]|paraph)/iu;
/** what makes an organisation named after it no partner ("patrimoine mondial de l'"), once per rule set */
const designationRegex = new WeakMap<object, RegExp>();
/** the folded names of bodies that stand for their territory, once per rule set */
const territorialBodies = new WeakMap<object, string[]>();

export function link(doc: Doc, rt: Runtime, people: readonly Person[]): LinkResult {
  const { text, sentences } = doc;
  const m = doc.mentions;
  const warnings: string[] = [];
  const personSpans = m.people.map((p) => ({ start: p.start, end: p.end }));
  // "le Conseil régional du gouvernorat de Nabeul", "le Comité populaire de la province de Quảng Nam":
  // a body that stands for the territory it names is that territory, not an organisation
  let bodies = territorialBodies.get(rt.rules);
  if (!bodies) territorialBodies.set(rt.rules, (bodies = rt.rules.lexicon("territorial_bodies").map(foldKey)));
  const territorial = (o: OrgMention) => {
    const name = foldKey(o.name);
    return bodies!.some((b) => name.startsWith(b)) && m.places.some((p) => p.start >= o.start && p.end <= o.end && p.role !== "qualifier" && p.country !== null);
  };
  // "inscrite au patrimoine mondial de l'Unesco": an organisation named for a listing it gives is no partner
  let designation = designationRegex.get(rt.rules);
  if (!designation) designationRegex.set(rt.rules, (designation = new RegExp(`(?:${alternation(rt.rules.lexicon("designation_markers"))})\\s*$`, "iu")));
  const orgs = m.orgs.filter((o) => !territorial(o) && !designation!.test(doc.text.slice(Math.max(0, o.start - 60), o.start)));
  // an organisation's span includes its description ("l'agence ... de la Région Occitanie, AD'OCC")
  const orgSpans = orgs.map((o) => (o.descriptionStart !== undefined ? { start: o.descriptionStart, end: o.end } : o));
  const inAny = (r: Range, spans: readonly Range[]) => spans.some((s) => s.start <= r.start && s.end >= r.end && !(s.start === r.start && s.end === r.end));
  const partyPlaces = m.places.filter((p) => p.role !== "qualifier" && !inAny(p, personSpans) && !inAny(p, orgSpans));
  // Entities that can be parties: places (not qualifiers), organisations; not inside a person's name
  const entities: Entity[] = [...partyPlaces.map(placeEntity), ...orgs.filter((o) => !inAny(o, personSpans)).map(orgEntity)].sort((a, b) => a.start - b.start);
  // a name in brackets right after a party is that party's other name ("la Région du Danemark du Sud
  // (Region Syddanmark)", "le conseil des îles Orcades (Orkney Islands Council)"), not a second partner
  for (let i = entities.length - 1; i > 0; i--) {
    const e = entities[i]!;
    // (an acronym in brackets is left to the acronym rules: "l'Association internationale des maires francophones (AIMF)")
    if (!ORGANISATION_KINDS.has(e.kind) || e.code !== null || /^\p{Lu}[\p{Lu}\p{N}&'.-]{1,9}$/u.test(e.name)) continue;
    let j = i - 1;
    while (j >= 0 && entities[j]!.end > e.start) j--;
    const prev = entities[j];
    if (!prev) continue;
    if (/^\s*\(\s*$/u.test(doc.text.slice(prev.end, e.start)) && /^\s*\)/u.test(doc.text.slice(e.end, e.end + 3))) entities.splice(i, 1);
  }
  // a place the reference data does not know, named again without what gave its country ("le district
  // rwandais de Huye", then "le district de Huye"): the same place, of that country
  for (const e of entities) {
    if (e.country !== null || e.code !== null || ORGANISATION_KINDS.has(e.kind)) continue;
    const known = entities.find((o) => o.country !== null && o.code === null && !ORGANISATION_KINDS.has(o.kind) && foldKey(o.name) === foldKey(e.name));
    if (known) {
      e.country = known.country;
      e.kind = known.kind;
    }
  }
  const locations = new Set(m.places.filter((p) => p.role === "location").map((p) => p.start));
  const host = hostParty(partyPlaces);
  const pair = mainPair(host, entities.filter((e) => !locations.has(e.start)));
  const ref = doc.publishedOn?.value ?? null;
  // the dateline's date is the publication date, not a date of the text
  const pub = doc.dateline;
  const dates = pub ? m.dates.filter((d) => !(d.start >= pub.start && d.end <= pub.end)) : m.dates;
  const directionAt = (si: number) => {
    const own = rt.dates.direction(text.slice(sentences[si]!.start, sentences[si]!.end));
    const prev = sentences[si - 1];
    if (own || !prev || prev.paragraph !== sentences[si]!.paragraph) return own;
    return rt.dates.direction(text.slice(prev.start, prev.end));
  };
  const entitiesIn = (s: Sentence) => entities.filter((e) => e.start >= s.start && e.end <= s.end && !locations.has(e.start));

  const drafts: Draft[] = [];
  for (const word of m.agreementWords) {
    const si = sentenceAt(sentences, word.start);
    if (si < 0) continue;
    const s = sentences[si]!;
    // a bare "Convention" with a capital inside a sentence names an event or a body ("BIO International Convention")
    if (word.priority === 0 && /^\p{Lu}/u.test(text[word.start]!) && word.start > s.start && !/[.:!?»"]\s*$/u.test(text.slice(s.start, word.start))) continue;
    const inClause = entities.filter((e) => e.start >= s.start && e.end <= s.end && !(e.start < word.end && word.start < e.end));
    // other agreements named in the same sentence bound this one's clause ("une lettre d'intention avec A et une convention avec B")
    const siblings = m.agreementWords.filter((w) => w !== word && w.start >= s.start && w.end <= s.end && (w.end <= word.start || w.start >= word.end));
    const structure = partiesOf(text, s, word, inClause, locations, siblings);
    let parties = dedupe(structure.parties);
    let cue = statusOf(m.statusCues, s, word, siblings);
    let partyRule: string | null = null;
    if (!parties.some(isForeign) && ANAPHORA_PAIR.test(text.slice(s.start, s.end)) && pair.length) {
      parties = dedupe([...parties, ...pair.map((p) => ({ ...p, mentions: [...p.mentions] }))]);
      partyRule = "party.anaphora_pair";
    }
    let date = dateOf(dates, s, cue ?? word, cue?.status === "renewed" ? text : undefined);
    // "y ont renouvelé l'accord ...": the date may be in the sentence before, in the same paragraph
    // (a weak one: "La mission s'est achevée vendredi. Elle a été marquée par la signature d'un accord",
    // which a later clause that dates the signing itself replaces)
    const prevS = sentences[si - 1];
    let weakDate = false;
    if (!date && prevS && prevS.paragraph === s.paragraph && prevS.kind === "text") {
      const before = dates.filter((d) => d.kind === "date" && d.precision === "day" && d.start >= prevS.start && d.end <= prevS.end);
      if (before.length === 1) {
        date = before[0]!;
        weakDate = true;
      }
    }
    // "... ont engagé la négociation d'un mémorandum. Sa signature est prévue au printemps prochain, à Bienne.":
    // the date of the signing, rather than one of the clause ("Réunis lundi, les élus ont approuvé le projet de convention.
    // Le texte sera signé au printemps 2026")
    const nextS = sentences[si + 1];
    // (not when the clause dates its own signing: "La signature de la convention est prévue début mars. Le texte
    // sera paraphé par le župan, qui avait reçu une délégation à l'automne")
    const signingNext = nextS && nextS.paragraph === s.paragraph && SIGNING_ANAPHORA.test(text.slice(nextS.start, nextS.end)) && !(date && SIGNING_WORD.test(text.slice(s.start, s.end)));
    if (signingNext) {
      const after = dates.filter((d) => d.kind === "date" && d.start >= nextS.start && d.end <= nextS.end);
      // (a renewal keeps its own date over the first signing's: "Elle avait été signée une première fois en 2014")
      if (after.length) date = cue?.status === "renewed" ? renewalDate(date, after[0]!) : after[0]!;
    }
    // "Une convention lie Saint-Jean-de-Braye à Dori depuis 2007. Elle a été renouvelée en 2022": the renewal, told next
    if (cue?.status !== "renewed" && nextS && nextS.paragraph === s.paragraph && AGREEMENT_ANAPHORA.test(text.slice(nextS.start, nextS.end)) && !m.agreementWords.some((w) => w.start >= nextS.start && w.end <= nextS.end)) {
      const renewal = m.statusCues.find((c) => c.status === "renewed" && c.start >= nextS.start && c.end <= nextS.end);
      if (renewal) {
        cue = renewal;
        date = dateOf(dates, nextS, renewal, text) ?? date;
      }
    }
    // "ce protocole d'accord", "l'accord", "avec ce mémorandum": the agreement named just before,
    // unless the clause names partners of other countries
    const definite = DEFINITE_BEFORE.test(text.slice(s.start, word.start));
    let previous = definite ? drafts.filter((d) => d.seen.some((x) => x >= si - COREFERENCE_WINDOW && x <= si) && compatible(d, word)).pop() : undefined;
    // further on, "le futur mémorandum devrait porter sur :" is still the one agreement of its kind named so far
    if (definite && !previous) {
      // (the drafts of one agreement named twice are merged at the end: same foreign partners)
      const kin = drafts.filter((d) => compatible(d, word));
      const partners = (d: Draft) => d.parties.filter(isForeign);
      const last = kin[kin.length - 1];
      if (last && kin.every((d) => partners(d).length === partners(last).length && partners(d).every((p) => partners(last).some((q) => same(p, q))))) previous = last;
    }
    if (word.anaphoric) {
      // "la feuille de route avait été signée en début d'année": the one named before, or nothing
      if (previous && previous.type === word.type) absorb(previous, { cue, date, word, s, si, doc, people, rt, directionAt });
      continue;
    }
    if (previous) {
      const theirs = new Set(previous.parties.filter((p) => p.country && p.country !== "FR").map((p) => p.country));
      const ours = parties.filter(isForeign);
      // "avec B" names a partner of its own, unless B is only the country of the partner named
      // before ("jumelée avec Weilburg, en Hesse. « Le jumelage avec l'Allemagne… »")
      const named = structure.how === "entre" || structure.how === "avec" || structure.how === "agent";
      const theirCountry = ours.length > 0 && ours.every((p) => p.kind === "country") && previous.parties.some((p) => isForeign(p) && p.kind !== "country");
      // (a partner whose country is not given is the agreement's if it is one of its parties:
      // "Le pilotage de la convention est confié au GECT Eurodistrict SaarMoselle")
      const ofTheirs = (p: LinkedParty) => (p.country && theirs.has(p.country)) || (!p.country && previous!.parties.some((q) => namedAlike(q, p)));
      if ((!named || theirCountry) && ours.every(ofTheirs)) {
        absorb(previous, { cue, date, word, s, si, doc, people, rt, directionAt });
        continue;
      }
    }
    // "Jeudi, il signera à Porto un accord avec son homologue de la ville portugaise": the partner is
    // described, and named as where the signing takes place
    // ("À Córdoba, … la délégation a ouvert avec la municipalité la négociation d'un protocole": without
    // an adjective of origin, a foreign city named in the sentence)
    const described = parties.some(isForeign) ? null : DESCRIBED_PARTNER.exec(text.slice(s.start, s.end));
    const describedCountry = described ? ((described[1] && rt.gazetteer.demonym(described[1])) || "*") : null;
    if (describedCountry) {
      // (a city named like its region, "Porto", may have been read as the region: the text says "ville")
      const there = m.places.find((p) => p.role === "location" && (p.kind === "city" || p.code !== null) && p.country !== null && p.country !== "FR" && (describedCountry === "*" || p.country === describedCountry) && p.start >= s.start && p.end <= s.end);
      if (there) {
        parties = dedupe([...parties, { name: there.name, kind: "city", country: there.country, code: there.code, mentions: [{ start: there.start, end: there.end }], rule: `party.described(${there.rule})`, host: false }]);
        partyRule = null;
      }
    }
    if (!parties.some(isForeign)) {
      // a partner named in the heading above ("Bade-Wurtemberg") or the sentence before ("c'est la Saxe")
      const found = lookback(doc, si, entitiesIn);
      // a lead that sums up several agreements ("rapporte une déclaration d'intention et un protocole
      // d'accord en préparation") under a title naming partners of several countries: which is whose
      // is said further on, not here
      const countries = new Set(found.map((e) => e.country).filter((c) => c && c !== "FR"));
      if (found.length && !(countries.size > 1 && siblings.length > 0)) {
        parties = dedupe([...parties, ...found.map(toParty)]);
        partyRule = "party.previous_sentence";
      }
    }
    // "La déclaration n'est qu'une première étape. Elle prévoit la négociation d'un accord de
    // coopération complet": an agreement that one named before provides for, between the same partners
    const prevSame = sentences[si - 1]?.paragraph === s.paragraph ? sentences[si - 1] : undefined;
    const foreseen = () => AGREEMENT_ANAPHORA.test(text.slice(s.start, s.end)) || (prevSame && AGREEMENT_ANAPHORA.test(text.slice(prevSame.start, prevSame.end)));
    if (!parties.some(isForeign) && !definite && FORESEES.test(text.slice(s.start, word.start)) && foreseen()) {
      const last = drafts[drafts.length - 1];
      if (last) {
        parties = dedupe([...parties, ...last.parties.map((p) => ({ ...p, mentions: [...p.mentions] }))]);
        partyRule = "party.foreseen_by";
      }
    }
    // "… ont renouvelé cet engagement. A et B ont signé une nouvelle charte": the renewed agreement's new text
    if (!parties.some(isForeign) && NEW_TEXT_BEFORE.test(text.slice(s.start, word.start))) {
      const renewed = drafts.filter((d) => d.status === "renewed" && compatible(d, word)).pop();
      if (renewed) {
        absorb(renewed, { cue, date, word, s, si, doc, people, rt, directionAt });
        continue;
      }
    }
    if (parties.length === 0 || !parties.some(isForeign)) {
      if (cue && cue.weight >= 1) warnings.push(`agreement mention "${text.slice(word.start, word.end)}" without a named foreign partner: not recorded`);
      continue;
    }
    if (partyRule) for (const p of parties) if (p.rule.startsWith("place.") || p.rule.startsWith("party.") || p.rule.startsWith("org.")) p.rule = `${partyRule}(${p.rule})`;
    const french = parties.filter((p) => p.country === "FR");
    // "Pour le Département, ... il est lié": the French collectivity of that kind, rather than the article's main one
    const kindHint = BARE_INSTITUTION.exec(text.slice(s.start, s.end))?.[1]?.toLowerCase();
    const clauseHost = (kindHint && hostOfKind(partyPlaces, INSTITUTION_KIND[kindHint]!)) || host;
    if (french.length === 0 && !structure.between && clauseHost && !parties.some((p) => same(p, clauseHost))) {
      parties = [{ ...clauseHost, host: true, mentions: [...clauseHost.mentions] }, ...parties];
    }
    parties = withoutLocatives(parties);
    const status = statusFor(cue, date, ref, word, si, directionAt);
    if (!status && word.priority === 0) continue;
    // a month or season without a year, for an agreement still to be signed, is the next one
    const refDate = refFromValue(ref);
    const when = status?.status === "planned" && date ? rt.dates.reresolve(date, refDate, "future") : date;
    const base: Draft = {
      type: word.type,
      typeRule: word.rule,
      priority: word.priority,
      status: status?.status ?? "signed",
      statusRule: status?.rule ?? "status.none",
      statusWeight: status?.weight ?? 0,
      statusRange: status?.range ?? null,
      parties,
      date: when,
      period: periodOf(dates, s),
      duration: durationOf(dates, s),
      place: placeOf(m.places, s, cue ?? word, text) ?? (signingNext ? placeOf(m.places, nextS!, { start: nextS!.start, end: nextS!.start }, text) : null),
      sectors: sectorsOf(doc, s, si, parties, entitiesIn),
      signatories: status && status.status !== "planned" ? signatoriesOf(doc, s, people) : [],
      evidence: [{ start: s.start, end: s.end }],
      words: [word],
      cueless: !status,
      sentence: si,
      seen: [si],
      ...(weakDate ? { weakDate } : {}),
    };
    const counterparts = parties.filter((p) => !p.host && p.country !== "FR");
    if (word.plural && counterparts.length >= 2) {
      const others = parties.filter((p) => !counterparts.includes(p));
      for (const c of counterparts) drafts.push({ ...base, parties: [...others, c] });
    } else drafts.push(base);
  }
  // a list's item whose own text names the agreement with the same partner is that agreement, of the
  // type the text gives ("DORI (Burkina Faso) Une convention de coopération décentralisée lie … à la commune de Dori")
  // (the item's line may give what its text does not: "Rochester (États-Unis) – depuis 1958")
  for (const item of listItems(doc, rt, entities, locations, host, dates)) {
    const told = drafts.find((d) => d.evidence.some((e) => e.start >= item.body!.start && e.end <= item.body!.end) && d.parties.some((p) => isForeign(p) && item.parties.some((q) => isForeign(q) && same(p, q))));
    if (!told) drafts.push(item);
    else if (!told.date && item.date) told.date = item.date;
  }
  drafts.sort((a, b) => a.sentence - b.sentence);
  signatoriesAfter(doc, drafts, people);

  const agreements = merge(drafts, warnings);
  if (agreements.length === 1) soleAgreement(doc, rt, agreements[0]!, dates, people);
  // signatories in the order the text names them
  for (const a of agreements) a.signatories.sort((x, y) => x.range.start - y.range.start);
  for (const a of agreements) {
    if (a.parties.some((p) => p.host)) warnings.push(`agreement with ${a.parties.filter((p) => !p.host).map((p) => p.name).join(", ")}: French party ${a.parties.find((p) => p.host)!.name} taken from the article (the clause names none)`);
    if (a.statusRule === "status.none") warnings.push(`agreement with ${a.parties.map((p) => p.name).join(", ")}: status not stated`);
    if (a.date?.warning) warnings.push(`agreement with ${a.parties.map((p) => p.name).join(", ")}: ${a.date.warning}`);
  }
  return { agreements, articleSectors: articleSectors(doc, rt, agreements), warnings };
}

type DirectionAt = (si: number) => "past" | "future" | null;

function compatible(a: { type: AgreementType; priority: number }, b: { type: AgreementType; priority: number }): boolean {
  return a.type === b.type || a.priority === 0 || b.priority === 0 || a.type === "other" || b.type === "other";
}

/** The status a cue gives; a weak cue ("la signature d'un accord") follows the tense around it. */
function statusFor(cue: StatusCue | null, date: Temporal | null, ref: string | null, _word: AgreementWord, si: number, directionAt: DirectionAt): { status: AgreementStatus; rule: string; weight: number; range: Range | null } | null {
  if (cue) {
    if (cue.status === "signed" && cue.weight < 1 && directionAt(si) === "future") return { status: "planned", rule: `${cue.rule}+tense.future`, weight: cue.weight, range: cue };
    return { status: cue.status, rule: cue.rule, weight: cue.weight, range: cue };
  }
  if (date?.value && ref && !date.value.startsWith("X")) {
    // no verb says it, but the date does: before publication, it was signed; after, it is planned
    return date.value <= ref.slice(0, date.value.length) ? { status: "signed", rule: "status.from_date.past", weight: 0.4, range: null } : { status: "planned", rule: "status.from_date.future", weight: 0.4, range: null };
  }
  return null;
}

/** A later mention of an agreement ("ce protocole d'accord a été signé jeudi") completes it. */
function absorb(d: Draft, x: { cue: StatusCue | null; date: Temporal | null; word: AgreementWord; s: Sentence; si: number; doc: Doc; people: readonly Person[]; rt: Runtime; directionAt: DirectionAt }): void {
  const status = statusFor(x.cue, x.date, x.doc.publishedOn?.value ?? null, x.word, x.si, x.directionAt);
  const rank = (st: string, w: number) => (st === "renewed" ? 10 : 0) + w;
  if (status && rank(status.status, status.weight) > rank(d.status, d.statusWeight)) {
    d.status = status.status;
    d.statusRule = status.rule;
    d.statusWeight = status.weight;
    d.statusRange = status.range;
    d.cueless = false;
    if (x.date) d.date = x.date;
  }
  // (an agreement still to be signed: the day its signing is planned for, told further on, rather than
  // the day of the vote that named it: "Réunie hier, l'Assemblée a approuvé le projet de convention. …
  // La signature de la convention est prévue début mars")
  // (the first such clause: a later one may date something else, "qui avait reçu une délégation à l'automne")
  const plannedSigning =
    d.status === "planned" && !d.signingDated && !!x.date?.value && x.doc.mentions.statusCues.some((c) => c.status === "planned" && c.start >= x.s.start && c.end <= x.s.end) && SIGNING_WORD.test(x.doc.text.slice(x.s.start, x.s.end));
  if (x.date && ((d.weakDate && x.cue) || plannedSigning)) {
    d.date = plannedSigning ? x.rt.dates.reresolve(x.date, refFromValue(x.doc.publishedOn?.value ?? null), "future") : x.date;
    d.weakDate = false;
    if (plannedSigning) d.signingDated = true;
  } else if (!d.date && x.date) d.date = x.date;
  // a renewed agreement's date is its renewal's, the latest given ("signaient la charte le 7 juin 1975 …
  // Samedi 14 juin, ont signé une nouvelle charte")
  else if (d.status === "renewed") d.date = renewalDate(d.date, x.date);
  d.period ??= periodOf(x.doc.mentions.dates, x.s);
  d.duration ??= durationOf(x.doc.mentions.dates, x.s);
  d.place ??= placeOf(x.doc.mentions.places, x.s, x.cue ?? x.word, x.doc.text);
  if (d.status !== "planned") for (const sg of signatoriesOf(x.doc, x.s, x.people)) if (!d.signatories.some((o) => o.name === sg.name)) d.signatories.push(sg);
  for (const sec of sectorsOf(x.doc, x.s, x.si)) if (!d.sectors.some((o) => o.code === sec.code)) d.sectors.push(sec);
  d.sectors = sortSectors(d.sectors);
  d.evidence.push({ start: x.s.start, end: x.s.end });
  d.words.push(x.word);
  d.seen.push(x.si);
}

/** Foreign parties named in the heading above or the sentence before. */
function lookback(doc: Doc, si: number, entitiesIn: (s: Sentence) => Entity[]): Entity[] {
  const { sentences } = doc;
  const s = sentences[si]!;
  const prev = sentences[si - 1];
  if (prev && prev.paragraph === s.paragraph) {
    const found = entitiesIn(prev).filter((e) => e.country !== "FR");
    if (found.length) return found;
  }
  for (let j = si - 1; j >= Math.max(0, si - LOOKBACK); j--) {
    const h = sentences[j]!;
    // past a sentence that names its own agreement, a partner would be that one's (the heading right above excepted)
    if (j < si - 1 && doc.mentions.agreementWords.some((w) => w.start >= h.start && w.end <= h.end)) break;
    if (h.kind !== "heading") continue;
    const found = entitiesIn(h).filter((e) => e.country !== "FR" && e.kind !== "country");
    const countries = entitiesIn(h).filter((e) => e.kind === "country");
    if (found.length) return found;
    if (countries.length) return countries;
  }
  return [];
}

/** The article's two main parties: its host and the foreign entity it names most. */
function mainPair(host: LinkedParty | null, entities: readonly Entity[]): LinkedParty[] {
  const counts = new Map<string, { e: Entity; n: number; mentions: Range[] }>();
  for (const e of entities) {
    if (e.country === "FR" || (e.country === null && !["other", "state", "province", "city", "region"].includes(e.kind))) continue;
    const key = identity(e);
    const c = counts.get(key) ?? { e, n: 0, mentions: [] };
    c.n += e.kind === "country" ? 0.5 : 1;
    c.mentions.push({ start: e.start, end: e.end });
    counts.set(key, c);
  }
  // (a partner of a known country before an organisation whose country is not given: "l'association
  // Thouars-Kita Solidarité", named more often than Kita, is not the other collectivity)
  let best: { e: Entity; n: number; mentions: Range[] } | null = null;
  const rank = (c: { e: Entity; n: number }) => (c.e.country || !ORGANISATION_KINDS.has(c.e.kind) ? 1e6 : 0) + c.n;
  for (const c of counts.values()) if (!best || rank(c) > rank(best)) best = c;
  const out: LinkedParty[] = [];
  if (host) out.push({ ...host, host: false, rule: "party.anaphora_pair(host)" });
  if (best) out.push({ ...toParty(best.e), mentions: best.mentions, rule: `party.anaphora_pair(${best.e.rule})` });
  return out;
}

/**
 * Items of a list under a heading that says what they are ("NOS VILLES JUMELLES"):
 * "Exeter (Royaume-Uni) – depuis 1956" is a twinning even without an agreement word.
 */
function listItems(doc: Doc, rt: Runtime, entities: readonly Entity[], locations: ReadonlySet<number>, host: LinkedParty | null, dates: readonly Temporal[]): Draft[] {
  const headings = rt.rules.map("list_headings");
  const keys = [...headings.keys()].map((k) => [foldKey(k), String(headings.get(k))] as const);
  const { text, sentences } = doc;
  const out: Draft[] = [];
  const isSection = (s: Sentence) => s.kind === "heading" && /\p{L}/u.test(text.slice(s.start, s.end)) && (text.slice(s.start, s.end) === text.slice(s.start, s.end).toUpperCase() || /\?\s*$/.test(text.slice(s.start, s.end)));
  for (let i = 0; i < sentences.length; i++) {
    const h = sentences[i]!;
    if (h.kind !== "heading") continue;
    const folded = foldKey(text.slice(h.start, h.end));
    const hit = keys.find(([k]) => folded.includes(k));
    if (!hit) continue;
    const type = hit[1] as AgreementType;
    for (let j = i + 1; j < sentences.length; j++) {
      const it = sentences[j]!;
      if (isSection(it)) break;
      if (it.kind !== "heading" && it.kind !== "bullet") continue;
      if (doc.mentions.agreementWords.some((w) => w.start >= it.start && w.end <= it.end)) continue;
      const first = entities.find((e) => e.start >= it.start && e.end <= it.end && !locations.has(e.start));
      if (!first || first.country === "FR" || first.start - it.start > 4) continue;
      // the item's text, up to the next item: "KAZANLAK (Bulgarie) Pas de jumelage officiel, mais …" is none
      let bodyEnd = it.end;
      for (let k = j + 1; k < sentences.length && sentences[k]!.kind === "text"; k++) bodyEnd = sentences[k]!.end;
      const within = (r: Range) => r.start >= it.end && r.end <= bodyEnd;
      if (doc.mentions.denials.some(within) && !doc.mentions.agreementWords.some((w) => within(w) && !doc.mentions.denials.some((d) => overlaps(d, w)))) continue;
      const parties: LinkedParty[] = [{ ...toParty(first), rule: `list.item(${first.rule})` }];
      if (host) parties.unshift({ ...host, host: true, mentions: [...host.mentions] });
      // its date: in the item's line, else where its text names an agreement of the list's type ("La charte de jumelage a été signée le 26 juin 2004")
      const typed = doc.mentions.agreementWords.filter((w) => within(w) && w.type === type).flatMap((w) => sentences[sentenceAt(sentences, w.start)] ?? []);
      const date = dates.find((d) => d.kind === "date" && d.start >= it.start && d.end <= it.end) ?? dates.find((d) => d.kind === "date" && d.precision === "day" && typed.some((s) => d.start >= s.start && d.end <= s.end)) ?? null;
      out.push({
        type,
        typeRule: `list.heading(${hit[0]})`,
        priority: 1,
        status: "signed",
        statusRule: "status.list_item",
        statusWeight: 0.5,
        statusRange: null,
        parties,
        date,
        period: null,
        duration: null,
        place: null,
        sectors: sectorsOf(doc, it, j),
        signatories: [],
        evidence: [{ start: it.start, end: it.end }],
        words: [{ start: h.start, end: h.end, type, priority: 1, anaphoric: false, plural: false, rule: "list.heading" }],
        cueless: false,
        sentence: j,
        seen: [j],
        body: { start: it.end, end: bodyEnd },
      });
    }
  }
  return out;
}

/** "Le texte a été signé par ...": signatories in the sentences after an agreement. */
function signatoriesAfter(doc: Doc, drafts: Draft[], people: readonly Person[]): void {
  for (const sg of doc.mentions.signings) {
    const si = sentenceAt(doc.sentences, sg.start);
    if (si < 0 || drafts.some((d) => d.seen.includes(si) && d.signatories.length > 0)) continue;
    const target = drafts.filter((d) => d.seen.some((x) => x < si && x >= si - LOOKBACK) && d.status !== "planned").pop();
    if (!target) continue;
    for (const x of signatoriesOf(doc, doc.sentences[si]!, people)) if (!target.signatories.some((o) => o.name === x.name)) target.signatories.push(x);
  }
}

/** "C'est à Florianópolis que le texte a été signé, le jeudi 8 janvier 2026": a clause about the signing of the text */
const TEXT_SIGNED = /(?:le\s+texte|le\s+document|l['’]accord|la\s+convention|la\s+charte|la\s+déclaration|le\s+protocole|le\s+mémorandum|la\s+signature)\s+(?:a\s+été|avait\s+été|ont\s+été|a\s+eu\s+lieu|s['’]est\s+déroulée)(?:\s+(?:officiellement|solennellement))?(?:\s+(?:signée?|paraphée?))?(?![\p{L}])/iu;
/** how many sentences after an article's only agreement its signing may be told */
const SOLE_SIGNING_WINDOW = 10;
const notSignedRegex = new WeakMap<object, RegExp>();

/**
 * An article about one agreement: with no other agreement to give them to, what the text says
 * around it is its own — the day of another mention of its type, the sections that speak of it
 * again, the signing told in a section of its own.
 */
function soleAgreement(doc: Doc, rt: Runtime, a: LinkedAgreement, dates: readonly Temporal[], people: readonly Person[]): void {
  const first = sentenceAt(doc.sentences, Math.min(...a.evidence.map((e) => e.start)));
  if (first < 0) return;
  if (!a.date) soleAgreementDay(doc, a, first, dates);
  soleAgreementSections(doc, a, first);
  soleAgreementSigning(doc, rt, a, first, dates, people);
}

/**
 * Another mention of its type the clause could not link (no partner named there: "Samedi, …, la
 * commune catalane et Portovenere ont scellé leur jumelage") is the same agreement: its day is this one's.
 */
function soleAgreementDay(doc: Doc, a: LinkedAgreement, first: number, dates: readonly Temporal[]): void {
  const { sentences } = doc;
  const own = new Set(a.words.map((w) => w.start));
  for (const w of doc.mentions.agreementWords) {
    if (w.type !== a.type || own.has(w.start)) continue;
    const wi = sentenceAt(sentences, w.start);
    const s = sentences[wi];
    if (!s || Math.abs(wi - first) > SOLE_SIGNING_WINDOW) continue;
    const when = dates.find((d) => d.kind === "date" && d.value !== null && (d.precision === "day" || d.precision === "month") && d.start >= s.start && d.end <= s.end);
    if (when) {
      a.date = when;
      return;
    }
  }
}

/**
 * Its signing told in a section of its own ("Une signature à Florianópolis. C'est au palais du
 * gouvernement que le texte a été signé le jeudi 8 janvier 2026. Pour Nantes Métropole, c'est X qui
 * a apposé sa signature. Y a signé au nom de l'État."): the date, when the clauses that name it give
 * none, and the signatories of those sentences. What people sign that is no agreement ("le livre
 * d'or") is left out.
 */
function soleAgreementSigning(doc: Doc, rt: Runtime, a: LinkedAgreement, first: number, dates: readonly Temporal[], people: readonly Person[]): void {
  let notSigned = notSignedRegex.get(rt.rules);
  if (!notSigned) notSignedRegex.set(rt.rules, (notSigned = new RegExp(`(?:sign|paraph)\\p{L}*\\s+(?:\\p{L}+\\s+){0,3}?(?:${alternation(rt.rules.lexicon("not_signed_objects"))})(?![\\p{L}])`, "iu")));
  const { text, sentences } = doc;
  const own = new Set(a.words.map((w) => w.start));
  for (let si = first + 1; si < sentences.length && si <= first + SOLE_SIGNING_WINDOW; si++) {
    const s = sentences[si]!;
    const sentence = text.slice(s.start, s.end);
    // (a sentence about something else that is signed, or about another text, is not this signing)
    if (notSigned.test(sentence) || doc.mentions.agreementWords.some((w) => w.start >= s.start && w.end <= s.end && !own.has(w.start))) continue;
    if (!a.date && TEXT_SIGNED.test(sentence)) {
      const when = dates.find((d) => d.kind === "date" && d.value !== null && d.start >= s.start && d.end <= s.end);
      if (when) a.date = when;
    }
    if (a.status !== "planned") for (const x of signatoriesOf(doc, s, people)) if (!a.signatories.some((o) => o.name === x.name)) a.signatories.push(x);
  }
}

/** how many paragraphs after an article's only agreement the sections that speak of it may come */
const SOLE_SECTION_PARAGRAPHS = 10;
/** "Le second volet concerne le patrimoine": a paragraph about one of the domains counted before */
const ORDINAL_DOMAIN = new RegExp(`^(?:«\\s*)?(?:le|la|les)\\s+(?:premier|première|second|seconde|deuxième|troisième|quatrième|cinquième|dernier|dernière|autre|nouveau|nouvel|nouvelle)\\s+(?:${DOMAIN_NOUNS}|volet|axe|chantier|priorité|domaine)(?![\\p{L}])`, "iu");

/**
 * The sections of an article about one agreement that speak of it again ("Tramway et patrimoine :
 * la continuité. … l'avenant prévoit la poursuite de l'assistance technique …", "La santé, nouveau
 * chantier. L'avenant ouvre un volet consacré à la médecine d'urgence …"): a paragraph that names
 * it with a definite article, and one that goes on with one of its counted domains ("Le second
 * volet concerne le patrimoine"), give their sectors to it.
 */
function soleAgreementSections(doc: Doc, a: LinkedAgreement, first: number): void {
  const { text, sentences } = doc;
  const from = sentences[first]!.paragraph;
  const own = new Set(a.words.map((w) => w.start));
  const byParagraph = new Map<number, Sentence[]>();
  for (let j = first + 1; j < sentences.length && sentences[j]!.paragraph - from <= SOLE_SECTION_PARAGRAPHS; j++) {
    const n = sentences[j]!;
    if (n.kind !== "text" && n.kind !== "bullet") continue;
    const list = byParagraph.get(n.paragraph) ?? [];
    list.push(n);
    byParagraph.set(n.paragraph, list);
  }
  const definite = (n: Sentence) =>
    doc.mentions.agreementWords.some((w) => w.start >= n.start && w.end <= n.end && (own.has(w.start) || DEFINITE_BEFORE.test(text.slice(n.start, w.start)))) ||
    /(?:^|[\s'’])l['’]\s*avenant(?![\p{L}])/iu.test(text.slice(n.start, n.end));
  let previous = false;
  for (const para of byParagraph.values()) {
    // (another agreement introduced here, "un accord", ends the sections that are this one's)
    if (para.some((n) => doc.mentions.agreementWords.some((w) => w.start >= n.start && w.end <= n.end && !own.has(w.start) && !DEFINITE_BEFORE.test(text.slice(n.start, w.start))))) break;
    // (a quotation that names it, "« Cet accord nous donne quatre ans »", says what someone thinks, not what it covers)
    const quote = /^\s*[«"“]/u.test(text.slice(para[0]!.start, para[0]!.end));
    const about: boolean = !quote && (para.some(definite) || (previous && ORDINAL_DOMAIN.test(text.slice(para[0]!.start, para[0]!.end))));
    previous = about;
    if (!about) continue;
    for (const n of para) {
      for (const sec of doc.mentions.sectors) {
        if (sec.start >= n.start && sec.end <= n.end && !a.sectors.some((o) => o.code === sec.sector)) a.sectors.push({ code: sec.sector, rule: sec.rule, range: { start: sec.start, end: sec.end } });
      }
    }
  }
  a.sectors = sortSectors(a.sectors);
}

const BARE_INSTITUTION = /(?:^|[\s'’])(?:la|le|l'|l’)\s*(Région|Département|Ville|Métropole)(?![\p{L}-])(?!\s+(?:de\s+la\s+|de\s+l['’]\s*|de\s+|du\s+|d['’]\s*|des\s+)?\p{Lu})/u;
const INSTITUTION_KIND: Record<string, PartyKind> = { région: "region", département: "department", ville: "city", métropole: "city" };

/** The French collectivity of a kind the article names most. */
function hostOfKind(places: readonly PlaceMention[], kind: PartyKind): LinkedParty | null {
  return hostParty(places.filter((p) => p.kind === kind));
}

/**
 * Parties that only locate another: a country next to a partner of that country
 * ("l'État de Querétaro, au Mexique"), a city named without a trigger next to a
 * région, département or province of its country ("à Rennes", "Poznań").
 */
function withoutLocatives(parties: LinkedParty[]): LinkedParty[] {
  const territorial = (p: LinkedParty) => ["region", "department", "province", "state"].includes(p.kind);
  return parties.filter((p) => {
    if (p.host) return true;
    if (p.kind === "country" && !p.rule.includes("government")) return !parties.some((q) => q !== p && q.kind !== "country" && q.country === p.country);
    if (p.kind === "city" && p.rule.includes("place.gazetteer")) return !parties.some((q) => q !== p && territorial(q) && q.country === p.country);
    return true;
  });
}

function placeEntity(p: PlaceMention): Entity {
  return { start: p.start, end: p.end, name: p.name, kind: p.kind, country: p.country, code: p.code, rule: p.rule };
}

function orgEntity(o: OrgMention): Entity {
  return { start: o.start, end: o.end, name: o.name, kind: o.kind, country: o.country, code: null, rule: o.rule };
}

function isForeign(p: LinkedParty): boolean {
  if (p.country && p.country !== "FR") return true;
  return p.country === null && ["other", "state", "province", "city", "region"].includes(p.kind);
}

function identity(p: { code: string | null; name: string; kind: string }): string {
  return p.code ?? `${p.kind}:${foldKey(p.name)}`;
}

function same(a: { code: string | null; name: string; kind: string }, b: { code: string | null; name: string; kind: string }): boolean {
  return identity(a) === identity(b);
}

/** Of two dates of a renewed agreement, the later: the renewal's rather than the first signing's. */
function renewalDate(current: Temporal | null, other: Temporal | null): Temporal | null {
  if (!other?.value || other.value.startsWith("X")) return current;
  if (!current?.value) return other;
  return other.value > current.value ? other : current;
}

/** The same party, or one named with more or fewer words ("GECT Eurodistrict SaarMoselle", "Eurodistrict SaarMoselle"). */
function namedAlike(a: { code: string | null; name: string; kind: string }, b: { code: string | null; name: string; kind: string }): boolean {
  if (same(a, b)) return true;
  if (a.code || b.code) return false;
  const x = foldKey(a.name);
  const y = foldKey(b.name);
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  return short.length >= 6 && (long.startsWith(`${short} `) || long.endsWith(` ${short}`));
}

function dedupe(parties: LinkedParty[]): LinkedParty[] {
  const out: LinkedParty[] = [];
  for (const p of parties) {
    const prev = out.find((q) => same(q, p));
    if (prev) prev.mentions.push(...p.mentions);
    else out.push({ ...p, mentions: [...p.mentions] });
  }
  // "l'État de Querétaro, au Mexique": the country says where the partner is; a country is a
  // party itself only when named as such ("le gouvernement béninois", "le Vietnam" alone)
  return out.filter((p) => !(p.kind === "country" && !p.rule.includes("government") && p.rule !== "party.country" && out.some((q) => q !== p && q.kind !== "country" && q.country === p.country)));
}

function toParty(e: Entity): LinkedParty {
  return { name: e.name, kind: e.kind, country: e.country, code: e.code, mentions: [{ start: e.start, end: e.end }], rule: e.rule, host: false };
}

/** The French collectivity the article is about: the most mentioned one. */
function hostParty(places: readonly PlaceMention[]): LinkedParty | null {
  const counts = new Map<string, { p: PlaceMention; n: number; mentions: Range[] }>();
  for (const p of places) {
    if (p.country !== "FR" || !["region", "department", "city"].includes(p.kind)) continue;
    const key = p.code ?? p.name;
    const c = counts.get(key) ?? { p, n: 0, mentions: [] };
    c.n += p.kind === "region" ? 1.2 : 1;
    c.mentions.push({ start: p.start, end: p.end });
    counts.set(key, c);
  }
  let best: { p: PlaceMention; n: number; mentions: Range[] } | null = null;
  for (const c of counts.values()) if (!best || c.n > best.n) best = c;
  if (!best) return null;
  return { name: best.p.name, kind: best.p.kind, country: "FR", code: best.p.code, mentions: best.mentions, rule: "party.host", host: true };
}

/** Who the clause says the parties are. */
type How = "entre" | "avec" | "cleft" | "agent" | "subject" | "after" | "label" | "none";

function partiesOf(text: string, s: Sentence, word: AgreementWord, inClause: Entity[], locations: ReadonlySet<number>, siblings: readonly Range[] = []): { parties: LinkedParty[]; between: boolean; how: How } {
  const nextSibling = siblings.filter((w) => w.start >= word.end).reduce((min, w) => Math.min(min, w.start), s.end);
  const prevSibling = siblings.filter((w) => w.end <= word.start).reduce((max, w) => Math.max(max, w.end), -1);
  const chunkAfter = (from: number) => {
    const rest = text.slice(from, Math.max(from, nextSibling));
    const cut = CHUNK_END.exec(rest);
    return from + (cut ? cut.index : rest.length);
  };
  const listAfter = (from: number) => {
    const end = chunkAfter(from);
    return inClause.filter((e) => e.start >= from && e.end <= end && !locations.has(e.start));
  };
  // "entre A et B"
  const afterWord = text.slice(word.end, s.end);
  const entre = /\bentre\s/iu.exec(afterWord);
  // "entre" close to the word, or after its verb ("signé ce jour à X entre ...")
  if (entre && (entre.index < 60 || /(?:signée?s?|paraphée?s?|conclue?s?)\s[^.;,]{0,40}$/iu.test(afterWord.slice(0, entre.index)))) {
    const list = listAfter(word.end + entre.index + entre[0].length);
    if (list.length >= 1) return { parties: list.map(toParty), between: list.length >= 2, how: "entre" };
  }
  const subjectEnd = word.start;
  const clauseStart = lastBoundary(text, s.start, subjectEnd);
  // names right after another agreement word are that one's ("... avec A et une convention avec B")
  const subject = inClause.filter((e) => e.start >= clauseStart && e.end <= subjectEnd && !locations.has(e.start) && !(prevSibling >= 0 && e.start >= prevSibling));
  // "avec A, B et C" after the word (or after its verb)
  const avec = /(?:^|\s)avec\s/iu.exec(afterWord);
  if (avec && avec.index < 200) {
    const list = listAfter(word.end + avec.index + avec[0].length);
    if (list.length) return { parties: [...subject.filter((e) => !list.includes(e)), ...list].map(toParty), between: false, how: "avec" };
  }
  // "c'est avec A et B que C a noué des partenariats"
  const before = text.slice(s.start, word.start);
  const cleft = /(?:^|\s)avec\s([\s\S]*?)\sque?\s/iu.exec(before);
  if (cleft) {
    const from = s.start + cleft.index;
    const list = inClause.filter((e) => e.start >= from && e.end <= s.start + cleft.index + cleft[0].length && !locations.has(e.start));
    const subj = inClause.filter((e) => e.start >= s.start + cleft.index + cleft[0].length && e.end <= word.start && !locations.has(e.start));
    if (list.length) return { parties: [...subj, ...list].map(toParty), between: false, how: "cleft" };
  }
  // "le protocole paraphé mardi à Héraklion par la Région Occitanie et la Région de Crète"
  const agent = /^[^.;]{0,60}?(?:signée?s?|paraphée?s?|conclue?s?|scellée?s?|ratifiée?s?)\s+(?:[^.;]{0,50}?\s)?par\s/iu.exec(afterWord);
  if (agent) {
    const list = listAfter(word.end + agent[0].length);
    if (list.length) return { parties: [...subject.filter((e) => !list.includes(e)), ...list].map(toParty), between: list.length >= 2, how: "agent" };
  }
  if (subject.length) return { parties: subject.map(toParty), between: subject.length >= 2 && subject.some((e) => e.country === "FR"), how: "subject" };
  // "il est lié depuis 2014 par une convention ... à la province de Luang Prabang": a party named after the word
  const after = listAfter(word.end).filter((e) => e.rule.startsWith("party.") || e.rule.startsWith("org."));
  if (after.length) return { parties: after.map(toParty), between: false, how: "after" };
  // "Land de Saxe-Anhalt (Allemagne) : accord de coopération signé en 2003": the label before the colon
  const colon = text.slice(s.start, word.start).lastIndexOf(":");
  if (colon > 0) {
    const label = inClause.filter((e) => e.end <= s.start + colon && !locations.has(e.start));
    if (label.length) return { parties: label.map(toParty), between: false, how: "label" };
  }
  return { parties: [], between: false, how: "none" };
}

/** Start of the clause that holds `to`: after the last ":" or ";" (or the sentence start). */
function lastBoundary(text: string, from: number, to: number): number {
  const seg = text.slice(from, to);
  const i = Math.max(seg.lastIndexOf(":"), seg.lastIndexOf(";"));
  return i >= 0 ? from + i + 1 : from;
}

/** The status cue of the clause: a renewal wins, then the heaviest, then the nearest. */
function statusOf(cues: readonly StatusCue[], s: Sentence, word: AgreementWord, siblings: readonly Range[] = []): StatusCue | null {
  // a cue that holds another agreement's word is that one's ("La déclaration et le projet de protocole")
  const inS = cues.filter((c) => c.start >= s.start && c.end <= s.end && (overlaps(c, word) || !siblings.some((w) => overlaps(c, w))));
  if (inS.length === 0) return null;
  const renewed = inS.filter((c) => c.status === "renewed");
  const pool = renewed.length ? renewed : inS;
  return [...pool].sort((a, b) => b.weight - a.weight || distance(a, word) - distance(b, word))[0]!;
}

function distance(a: Range, b: Range): number {
  return a.start >= b.end ? a.start - b.end : b.start >= a.end ? b.start - a.end : 0;
}

/** The date of the clause nearest its status cue; one right after the cue first ("renouvelé en octobre 2022"). */
function dateOf(dates: readonly Temporal[], s: Sentence, anchor: Range, text?: string): Temporal | null {
  // "depuis 1997" dates the start of a relation, not the act the clause reports
  const inS = dates.filter((d) => d.kind === "date" && d.start >= s.start && d.end <= s.end && !(text && /^depuis\b/i.test(d.text)));
  if (inS.length === 0) return null;
  const after = inS.filter((d) => d.start >= anchor.end && d.start - anchor.end <= 25);
  if (after.length) {
    // "renouvelé en 2017 puis en 2023": the last of a chain
    let last = after[0]!;
    for (const d of inS) if (d.start > last.end && text && /^\s*,?\s*(?:puis|et|,)\s+(?:en\s+|le\s+)?$/iu.test(text.slice(last.end, d.start))) last = d;
    return last;
  }
  return [...inS].sort((a, b) => distance(a, anchor) - distance(b, anchor))[0]!;
}

function periodOf(dates: readonly Temporal[], s: Sentence): LinkedAgreement["period"] {
  const p = dates.find((d) => d.kind === "period" && d.start >= s.start && d.end <= s.end);
  return p && p.from && p.to ? { from: p.from, to: p.to, rule: p.rule, range: { start: p.start, end: p.end } } : null;
}

function durationOf(dates: readonly Temporal[], s: Sentence): LinkedAgreement["duration"] {
  const d = dates.find((t) => t.kind === "duration" && t.start >= s.start && t.end <= s.end);
  return d && d.years ? { years: d.years, rule: d.rule, range: { start: d.start, end: d.end } } : null;
}

/** "à Hangzhou": a place of the clause read as a location, near the verb. */
function placeOf(places: readonly PlaceMention[], s: Sentence, anchor: Range, text: string): LinkedAgreement["place"] {
  const candidates = places.filter(
    (p) => p.role === "location" && p.start >= s.start && p.end <= s.end && p.kind === "city" && /(?:^|\s)à\s*$/u.test(text.slice(Math.max(s.start, p.start - 4), p.start)),
  );
  const best = [...candidates].sort((a, b) => distance(a, anchor) - distance(b, anchor))[0];
  if (!best || distance(best, anchor) > 120) return null;
  return { name: best.name, rule: "place.signature_location", range: { start: best.start, end: best.end } };
}

/** Sectors of an agreement: its clause, the footnote it points to, the domains that follow. */
function sectorsOf(doc: Doc, s: Sentence, si: number, parties: readonly LinkedParty[] = [], entitiesIn?: (s: Sentence) => Entity[]): LinkedAgreement["sectors"] {
  const { text, sentences } = doc;
  const ranges: Range[] = [{ start: s.start, end: s.end }, ...s.bullets.map((b) => sentences[b]!)];
  // a footnote marker ("innovants*") in the clause
  if (/\p{L}\*/u.test(text.slice(s.start, s.end))) {
    const note = sentences.find((x) => x.kind === "footnote" && text[x.start] === "*");
    if (note) ranges.push(note);
  }
  // the sentences that follow and still speak of this agreement: they introduce its domains,
  // open a list, or start with a reference to it ("L'accord couvrira :", "Il prévoit ...")
  // Over the rest of the clause's paragraph and the next DOMAIN_PARAGRAPHS paragraphs (a quotation of
  // several sentences is one); a heading ("Quatre volets") ends the reach unless the sentence under it
  // speaks of the agreement again.
  let afterHeading = false;
  // under a heading that announces domains ("Trois priorités pour la période", "Quatre axes"),
  // the first paragraph is the agreement's, whether or not it names the agreement again
  let underDomainHeading = false;
  let paragraph = s.paragraph;
  for (let j = si + 1, budget = DOMAIN_PARAGRAPHS; j < sentences.length; j++) {
    const n = sentences[j]!;
    if (n.kind === "bullet" || n.kind === "footnote") continue;
    if (n.kind === "heading") {
      if (afterHeading || underDomainHeading) break;
      afterHeading = true;
      if (DOMAIN_HEADING.test(text.slice(n.start, n.end))) {
        underDomainHeading = true;
        paragraph = -1;
        budget = 1;
      }
      continue;
    }
    if (n.paragraph !== paragraph) {
      paragraph = n.paragraph;
      if (budget-- === 0) break;
    }
    const body = text.slice(n.start, n.end);
    const anaphoric = AGREEMENT_ANAPHORA.test(body);
    if (afterHeading && !anaphoric && !underDomainHeading) break;
    afterHeading = false;
    const words = doc.mentions.agreementWords.filter((w) => w.start >= n.start && w.end <= n.end);
    if (words.some((w) => !DEFINITE_BEFORE.test(text.slice(n.start, w.start)))) break;
    // a new clause with a status ("ont signé") ends the reach; words quoted («…») do not
    if (!anaphoric && doc.mentions.statusCues.some((c) => c.start >= n.start && c.end <= n.end && c.weight >= 1 && !quoted(text, n.start, c.start))) break;
    if (entitiesIn && parties.length) {
      const other = entitiesIn(n).filter((e) => e.country !== "FR" && e.kind !== "country" && !parties.some((p) => same(p, e)));
      if (other.length && !anaphoric) break;
    }
    const intro = doc.mentions.domainIntros.some((d) => d.start >= n.start && d.end <= n.end);
    if (intro || anaphoric || n.bullets.length || underDomainHeading) ranges.push(n, ...n.bullets.map((b) => sentences[b]!));
    if (intro && !anaphoric) break;
  }
  if (!underDomainHeading) ranges.push(...domainSection(doc, si, parties, entitiesIn));
  const out: LinkedAgreement["sectors"] = [];
  for (const r of ranges) {
    for (const sec of doc.mentions.sectors) {
      if (sec.start >= r.start && sec.end <= r.end && !out.some((o) => o.code === sec.sector)) out.push({ code: sec.sector, rule: sec.rule, range: { start: sec.start, end: sec.end } });
    }
  }
  return sortSectors(out);
}

/**
 * A section further on that gives the agreement's domains, within DOMAIN_SECTION_PARAGRAPHS
 * paragraphs: under a heading that announces them ("Quatre domaines de travail"), a first
 * paragraph that speaks of the agreement again ("Les deux partenaires s'engagent à coopérer
 * dans les domaines de…"); or, anywhere, a paragraph that starts by speaking of the agreement
 * again and lists domains ("Mais le texte renouvelé regarde vers l'avenir. Il retient trois
 * axes : …"). None if another agreement is introduced ("un accord", not "l'accord") before.
 */
function domainSection(doc: Doc, si: number, parties: readonly LinkedParty[] = [], entitiesIn?: (s: Sentence) => Entity[]): Range[] {
  const { text, sentences } = doc;
  const from = sentences[si]!.paragraph;
  // another agreement: one whose sentence names a foreign partner other than this one's (when
  // they are known: "formalisés en 1994 par un premier accord entre l'ancienne Région Bourgogne et
  // le Land" is the same partnership's history)
  const another = (n: Sentence) => !entitiesIn || !parties.length || entitiesIn(n).some((e) => e.country !== "FR" && e.kind !== "country" && !parties.some((p) => same(p, e)));
  for (let j = si + 1; j < sentences.length; j++) {
    const n = sentences[j]!;
    if (n.paragraph - from > DOMAIN_SECTION_PARAGRAPHS) return [];
    if (doc.mentions.agreementWords.some((w) => w.start >= n.start && w.end <= n.end && !DEFINITE_BEFORE.test(text.slice(n.start, w.start))) && another(n)) return [];
    // a paragraph that speaks of the agreement again and lists its domains ("Mais le texte renouvelé
    // regarde vers l'avenir. Il retient trois axes : …")
    const opens = n.kind === "text" && sentences[j - 1]?.paragraph !== n.paragraph;
    if (opens && AGREEMENT_ANAPHORA.test(text.slice(n.start, n.end).replace(CONNECTIVE, ""))) {
      const para: Sentence[] = [];
      for (let k = j; k < sentences.length && sentences[k]!.paragraph === n.paragraph; k++) para.push(sentences[k]!);
      if (para.some((x) => DOMAIN_LIST.test(text.slice(x.start, x.end)))) return para.flatMap((x) => [x, ...x.bullets.map((b) => sentences[b]!)]);
    }
    const heading = n.kind === "heading" ? text.slice(n.start, n.end) : "";
    if (!heading || !(DOMAIN_HEADING.test(heading) || CONTENT_HEADING.test(heading))) continue;
    const first = sentences[j + 1];
    if (!first || first.kind === "heading" || !AGREEMENT_ANAPHORA.test(text.slice(first.start, first.end))) return [];
    const out: Range[] = [];
    for (let k = j + 1; k < sentences.length && sentences[k]!.paragraph === first.paragraph; k++) out.push(sentences[k]!, ...sentences[k]!.bullets.map((b) => sentences[b]!));
    return out;
  }
  return [];
}

/** Whether `at` is inside a «…» quotation opened in the sentence that starts at `from`. */
function quoted(text: string, from: number, at: number): boolean {
  const before = text.slice(from, at);
  return before.split("«").length > before.split("»").length;
}

function sortSectors<T extends { code: SectorCode }>(list: T[]): T[] {
  return [...list].sort((a, b) => SECTORS.indexOf(a.code) - SECTORS.indexOf(b.code));
}

/** "Je l'ai signé avec le gouverneur", "venu signer avec moi": the speaker signed */
const FIRST_PERSON_SIGNING = /(?:^|[\s«"(])(?:je\s+(?:l['’]\s*|les\s+)?|j['’]\s*)(?:ai|avais)\s+(?:(?:\p{L}+)\s+){0,2}?(?:signé|paraphé|cosigné)|(?:sign\p{L}*|paraph\p{L}*)\s+(?:\p{L}+\s+){0,3}?avec\s+moi(?![\p{L}])/iu;
/** an interview's speaker label at the start of a paragraph ("Jean-Pierre Castanier :", "J.-P. C. :") */
const SPEAKER_LABEL = /^[ \t]*(\p{Lu}[\p{L}.' -]{0,40}?)[ \t]*:[ \t]/u;

/** how many paragraphs back an interview's answer may be from its speaker's label */
const SPEAKER_REACH = 30;

/**
 * Who speaks in the paragraph of sentence `si`: the person its label names, in full or by initials
 * ("J.-P. C." for Jean-Pierre Castanier), or, for an answer with no label, the person the last
 * label before it names (an interview labels its guest's first answer only).
 */
function speakerOf(doc: Doc, si: number, people: readonly Person[]): Person | null {
  const { text, sentences } = doc;
  const initialsOf = (name: string) => name.split(/[\s-]+/).filter((w) => /^\p{Lu}/u.test(w)).map((w) => w[0]).join("");
  const here = sentences[si]!.paragraph;
  for (let j = si; j >= 0 && here - sentences[j]!.paragraph <= SPEAKER_REACH; j--) {
    if (j > 0 && sentences[j - 1]!.paragraph === sentences[j]!.paragraph) continue;
    const label = SPEAKER_LABEL.exec(text.slice(sentences[j]!.start, sentences[j]!.end))?.[1];
    if (!label) continue;
    const key = foldKey(label);
    const initials = (label.match(/\p{Lu}/gu) ?? []).join("");
    const person = people.find((p) => foldKey(p.name) === key) ?? (initials.length >= 2 && /\./.test(label) ? people.find((p) => initialsOf(p.name) === initials) : undefined);
    // (a label that names nobody, the interviewer's, is passed over)
    if (person) return person;
  }
  return null;
}

/** People named before "ont signé" or after "signé par" in the clause; the speaker of "je l'ai signé". */
function signatoriesOf(doc: Doc, s: Sentence, people: readonly Person[]): LinkedAgreement["signatories"] {
  const out: LinkedAgreement["signatories"] = [];
  const sentence = doc.text.slice(s.start, s.end);
  if (FIRST_PERSON_SIGNING.test(sentence)) {
    const speaker = speakerOf(doc, s.index, people);
    const at = speaker?.mentions[0];
    if (speaker && at) out.push({ name: speaker.name, range: { start: at.start, end: at.end } });
  }
  for (const sg of doc.mentions.signings) {
    const g = sg.groups.names;
    if (!g || g.end <= s.start || g.start >= s.end) continue;
    let start = Math.max(g.start, s.start);
    let end = Math.min(g.end, s.end);
    const seg = doc.text.slice(start, end);
    const cut = SIGNATORY_CUT.exec(seg);
    if (cut) {
      // names after the verb ("signé par A, en présence de B"; "signé avec A, devant B") end at the cut;
      // names before it: a subject after "en présence de" is not a signatory
      if (g.start >= sg.start) end = start + cut.index;
      else start = start + cut.index + cut[0].length + 80 > end ? end : start;
    }
    for (const p of people) {
      for (const mention of p.mentions) {
        if (mention.start >= start && mention.end <= end && !out.some((o) => o.name === p.name)) out.push({ name: p.name, range: { start: mention.start, end: mention.end } });
      }
    }
  }
  return out;
}

const cueRegex = new WeakMap<object, RegExp>();

/** Sentences about cooperation or international action give the article's sectors. */
function articleSectors(doc: Doc, env: Runtime, agreements: readonly LinkedAgreement[]): LinkResult["articleSectors"] {
  let cue = cueRegex.get(env.rules);
  if (!cue) cueRegex.set(env.rules, (cue = new RegExp(`${alternation(env.rules.lexicon("cooperation_cues"))}(?![\\p{L}])`, "giu")));
  const { text, sentences } = doc;
  const relevant = new Set<number>();
  for (const s of sentences) {
    if (s.kind === "bullet" || s.kind === "footnote") continue;
    const body = text.slice(s.start, s.end);
    // a web page's menu ("Europe & International") is not the article's
    if (isNavigation(body)) continue;
    if (hasWord(cue, body)) {
      relevant.add(s.index);
      for (const b of s.bullets) relevant.add(b);
    }
  }
  for (const s of sentences) if (s.kind === "footnote" && /\p{L}\*/u.test(text)) relevant.add(s.index);
  const out: LinkResult["articleSectors"] = [];
  const add = (code: SectorCode, rule: string, range: Range) => {
    if (!out.some((o) => o.code === code)) out.push({ code, rule, range });
  };
  for (const a of agreements) for (const sec of a.sectors) add(sec.code, sec.rule, sec.range);
  for (const sec of doc.mentions.sectors) {
    const si = sentenceAt(sentences, sec.start);
    if (si >= 0 && relevant.has(si)) add(sec.sector, sec.rule, { start: sec.start, end: sec.end });
  }
  return sortSectors(out);
}

const ORGANISATION_KINDS: ReadonlySet<string> = new Set(["university", "agency", "company", "cluster", "other"]);

/** One record per agreement: mentions with the same partners and a compatible type are merged. */
function merge(drafts: Draft[], warnings: string[]): LinkedAgreement[] {
  const out: Draft[] = [];
  // the foreign partners say which agreement it is (the French side may be named or implied)
  const partnersKey = (a: LinkedAgreement) => {
    // (an organisation whose country the text does not give is not a foreign partner here:
    // "l'Université de Montpellier et Chengdu" and "la Métropole, l'Université et Chengdu" are one)
    const foreign = a.parties.filter((p) => p.country !== "FR" && !p.host && !(p.country === null && ORGANISATION_KINDS.has(p.kind)));
    return (foreign.length ? foreign : a.parties.filter((p) => !p.host))
      .map(identity)
      .sort()
      .join("|");
  };
  const byKey = new Map<string, Draft[]>();
  const laterDates = new Map<Draft, Temporal[]>();
  for (const d of drafts) {
    const kd = partnersKey(d);
    let target = (byKey.get(kd) ?? []).find((o) => compatible(o, d));
    if (!target && d.cueless) {
      const parts = kd.split("|");
      target = out.find((o) => compatible(o, d) && parts.every((k) => partnersKey(o).split("|").includes(k)));
    }
    if (!target) {
      const copy = { ...d };
      out.push(copy);
      byKey.set(kd, [...(byKey.get(kd) ?? []), copy]);
      continue;
    }
    // the more specific type, the stronger status, the first date, union of the rest
    if (d.priority > target.priority) {
      target.type = d.type;
      target.typeRule = d.typeRule;
      target.priority = d.priority;
    }
    const rank = (x: LinkedAgreement) => (x.status === "renewed" ? 10 : 0) + x.statusWeight;
    if (rank(d) > rank(target)) {
      target.status = d.status;
      target.statusRule = d.statusRule;
      target.statusWeight = d.statusWeight;
      target.statusRange = d.statusRange;
    }
    if (!target.date || (target.date.value === null && d.date?.value) || (target.weakDate && d.date?.value && !d.weakDate)) {
      target.date = d.date ?? target.date;
      target.weakDate = d.weakDate;
    }
    if (d.date?.value) laterDates.set(target, [...(laterDates.get(target) ?? []), d.date]);
    target.period ??= d.period;
    target.duration ??= d.duration;
    target.place ??= d.place;
    for (const p of d.parties) {
      const q = target.parties.find((x) => same(x, p));
      if (q) {
        const known = new Set(q.mentions.map((x) => x.start));
        for (const r of p.mentions) if (!known.has(r.start)) q.mentions.push(r);
        if (q.host && !p.host) {
          q.host = false;
          q.rule = p.rule;
        }
      } else if (!p.host) target.parties.push({ ...p, mentions: [...p.mentions] });
    }
    for (const sec of d.sectors) if (!target.sectors.some((x) => x.code === sec.code)) target.sectors.push(sec);
    target.sectors = sortSectors(target.sectors);
    for (const sg of d.signatories) if (!target.signatories.some((x) => x.name === sg.name)) target.signatories.push(sg);
    const evidence = new Set(target.evidence.map((x) => x.start));
    for (const e of d.evidence) if (!evidence.has(e.start)) target.evidence.push(e);
    target.words.push(...d.words);
    target.cueless &&= d.cueless;
  }
  // a renewed agreement's date is its renewal's: the latest of its mentions' ("Le 7 juin 1975, … signaient
  // la charte de jumelage. Samedi 14 juin, … ont signé une nouvelle charte"), not the first
  for (const a of out) if (a.status === "renewed") for (const t of laterDates.get(a) ?? []) a.date = renewalDate(a.date, t);
  const kept = out.filter((a) => !a.cueless || a.priority > 0);
  for (const a of out) if (!kept.includes(a)) warnings.push(`agreement mention without a status cue: not recorded`);
  return kept.map(({ cueless: _c, sentence: _s, seen: _seen, ...a }) => ({ ...a, parties: withoutLocatives(a.parties).sort((x, y) => (x.country === "FR" ? 0 : 1) - (y.country === "FR" ? 0 : 1)) }));
}
