/**
 * How a predicted value is matched to a gold one: forgiving where a human would
 * be (accents, case, "Région" or "Province du" prefixes, a role's wording), strict
 * where it matters (codes, countries, date values).
 */
import { foldKey } from "../text/fold.js";
import { similarity } from "../text/similarity.js";

const PARTY_PREFIXES = [
  "region",
  "departement",
  "province",
  "etat",
  "ville",
  "commune",
  "municipalite",
  "metropole",
  "wilaya",
  "gouvernorat",
  "prefecture",
  "land",
  "canton",
  "generalite",
  "communaute autonome",
  "gouvernement",
  "republique",
  "royaume",
  "collectivite territoriale",
  "collectivite",
  "conseil regional",
  "conseil departemental",
];
const LEADING_WORDS = /^(?:(?:la|le|les|l|du|de|des|d)\s+)+/;

/** "la Province du Zhejiang" → "zhejiang"; "Université du Zhejiang" stays. */
export function partyKey(name: string): string {
  let k = foldKey(name).replace(LEADING_WORDS, "");
  for (const p of PARTY_PREFIXES) {
    if (k.startsWith(`${p} `)) {
      k = k.slice(p.length + 1).replace(LEADING_WORDS, "");
      break;
    }
  }
  return k;
}

export interface PartyLike {
  name: string;
  kind?: string;
  country: string | null;
  code: string | null;
}

export function partiesMatch(pred: PartyLike, gold: PartyLike): boolean {
  if (pred.code && gold.code) return pred.code === gold.code;
  if (pred.country && gold.country && pred.country !== gold.country) return false;
  const a = partyKey(pred.name);
  const b = partyKey(gold.name);
  if (!a || !b) return false;
  if (a === b) return true;
  // one name contained in the other, word for word ("AIMF" vs "Association internationale des maires francophones" does not; "Bordeaux" vs "Bordeaux Metropole" does)
  const wa = a.split(" ");
  const wb = b.split(" ");
  const [short, long] = wa.length <= wb.length ? [wa, wb] : [wb, wa];
  if (short.length >= 1 && short.join(" ").length >= 4 && containsRun(long, short)) return true;
  // spelling variants ("Université de Wuhan" / "Université du Wuhan")
  return similarity(a, b) >= 0.95;
}

function containsRun(long: string[], short: string[]): boolean {
  for (let i = 0; i + short.length <= long.length; i++) {
    if (short.every((w, j) => long[i + j] === w)) return true;
  }
  return false;
}

export function personKey(name: string): string {
  return foldKey(name);
}

/** Same person: same folded name, or same surname and same first initial ("J.-P. Martin"). */
export function peopleMatch(a: string, b: string): boolean {
  const ka = personKey(a);
  const kb = personKey(b);
  if (ka === kb) return true;
  const wa = ka.split(" ");
  const wb = kb.split(" ");
  const lastA = wa[wa.length - 1]!;
  const lastB = wb[wb.length - 1]!;
  if (lastA !== lastB) return false;
  if (wa.length === 1 || wb.length === 1) return true;
  return wa[0]![0] === wb[0]![0];
}

const ROLE_STOP = new Set(["de", "du", "des", "d", "la", "le", "les", "l", "en", "charge", "et", "a", "aux", "au", "chargee", "charge"]);

function roleWords(role: string): string[] {
  return foldKey(role)
    .split(" ")
    .filter((w) => w && !ROLE_STOP.has(w));
}

/** Roles match when their head agrees and their words mostly overlap. */
export function rolesMatch(pred: string | null, gold: string | null): boolean {
  if (!pred || !gold) return pred === gold;
  const a = roleWords(pred);
  const b = roleWords(gold);
  if (a.length === 0 || b.length === 0) return false;
  if (a.join(" ") === b.join(" ")) return true;
  // the same title word(s) first ("vice president", "directrice generale")
  if (a[0] !== b[0]) return false;
  const sa = new Set(a);
  const sb = new Set(b);
  const inter = [...sa].filter((w) => sb.has(w)).length;
  const union = new Set([...sa, ...sb]).size;
  const contained = inter === Math.min(sa.size, sb.size);
  return inter / union >= 0.5 || (contained && Math.min(sa.size, sb.size) >= 2);
}

export interface Prf {
  tp: number;
  fp: number;
  fn: number;
}

export const prf = (): Prf => ({ tp: 0, fp: 0, fn: 0 });

export function addPrf(into: Prf, x: Prf): void {
  into.tp += x.tp;
  into.fp += x.fp;
  into.fn += x.fn;
}

export function scores(x: Prf): { precision: number; recall: number; f1: number } {
  const precision = x.tp + x.fp === 0 ? 1 : x.tp / (x.tp + x.fp);
  const recall = x.tp + x.fn === 0 ? 1 : x.tp / (x.tp + x.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

/** Set comparison with a matcher: each gold item matches at most one predicted item. */
export function compareSets<P, G>(pred: readonly P[], gold: readonly G[], match: (p: P, g: G) => boolean): Prf & { missed: G[]; spurious: P[]; pairs: [P, G][] } {
  const used = new Set<number>();
  const pairs: [P, G][] = [];
  const missed: G[] = [];
  for (const g of gold) {
    const i = pred.findIndex((p, j) => !used.has(j) && match(p, g));
    if (i >= 0) {
      used.add(i);
      pairs.push([pred[i]!, g]);
    } else missed.push(g);
  }
  const spurious = pred.filter((_p, j) => !used.has(j));
  return { tp: pairs.length, fp: spurious.length, fn: missed.length, missed, spurious, pairs };
}
