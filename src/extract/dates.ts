/**
 * Temporal expressions: the rules of rules/dates.yaml give the pieces (named
 * groups); this module resolves them to ISO values against the publication date,
 * as chrono does: what the words state is kept apart from what is implied.
 */
// by file: the package's index loads every function (~0.1 s)
import { addDays } from "date-fns/addDays";
import { addMonths } from "date-fns/addMonths";
import { getDaysInMonth } from "date-fns/getDaysInMonth";
import { getISODay } from "date-fns/getISODay";
import { isValid } from "date-fns/isValid";
import type { Precision } from "../schema/record.js";
import type { Env, Range, Temporal, Sentence } from "../pipeline/doc.js";
import type { CompiledRule, RuleSet } from "../rules/load.js";
import { dropOverlaps, hasWord, scan, type RuleMatch, type ScanContext } from "./engine.js";
import { alternation } from "../rules/compile.js";
import { sentenceAt } from "../stages/segment.js";

export interface RefDate {
  year: number;
  month: number;
  /** null when the publication date is only known to the month */
  day: number | null;
}

export type Direction = "past" | "future" | null;

interface Parts {
  day?: number;
  month?: number;
  year?: number;
  weekday?: number;
  season?: string;
  rel?: "past" | "future";
  deictic?: "today" | "yesterday" | "tomorrow" | "day_before_yesterday";
  yearShift?: number;
  weekShift?: number;
  /** a month relative to the publication date's, moved one on by "prochain", one back by "dernier" */
  monthShift?: number;
  part?: "early" | "mid" | "late";
}

export interface Resolved {
  value: string | null;
  precision: Precision;
  inferred: boolean;
  warning?: string;
}

const FAMILY_ORDER: Record<string, number> = { date_range: 0, period: 1, duration: 2, date: 3 };
/** first day of each season (month, day): 20 March, 21 June, 22 September, 21 December */
const SEASON_START: Record<string, [number, number]> = { SP: [3, 20], SU: [6, 21], FA: [9, 22], WI: [12, 21] };

export class DateReader {
  private readonly months: ReadonlyMap<string, string | number>;
  private readonly weekdays: ReadonlyMap<string, string | number>;
  private readonly seasons: ReadonlyMap<string, string | number>;
  private readonly numbers: ReadonlyMap<string, string | number>;
  private readonly relative: ReadonlyMap<string, string | number>;
  private readonly partWords: ReadonlyMap<string, string | number>;
  private readonly rules: readonly CompiledRule[];
  /** how many lines from the top a dateline may be found (the furthest any dateline rule looks) */
  readonly datelineReach: number;
  private readonly future: RegExp;
  private readonly past: RegExp;

  constructor(private readonly ruleSet: RuleSet) {
    this.months = ruleSet.map("months");
    this.weekdays = ruleSet.map("weekdays");
    this.seasons = ruleSet.map("seasons");
    this.numbers = ruleSet.map("numbers");
    this.relative = ruleSet.map("relative_words");
    this.partWords = ruleSet.map("parts");
    this.rules = [...ruleSet.rules("date"), ...ruleSet.rules("date_range"), ...ruleSet.rules("period"), ...ruleSet.rules("duration")];
    this.datelineReach = Math.max(0, ...ruleSet.rules("dateline").map((r) => r.lines));
    this.future = new RegExp(`${alternation(ruleSet.lexicon("tense_future"))}(?![\\p{L}])`, "giu");
    this.past = new RegExp(
      `(?:${alternation(ruleSet.lexicon("tense_past_aux"))})\\s+(?:[\\p{L}]+ment\\s+|été\\s+)?[\\p{L}-]+(?:é|ée|és|ées|u|ue|us|ues|i|ie|is|it|ite|its|ites|ert|erte)(?![\\p{L}])|(?:dernier|dernière|derniers|dernières|passé|passée)(?![\\p{L}])`,
      "giu",
    );
  }

  /** Every temporal expression of the text, resolved against `ref`. */
  extract(text: string, sentences: readonly Sentence[], ref: RefDate | null, sc?: ScanContext): Temporal[] {
    const matches = dropOverlaps(sc ? sc.scan(this.rules) : scan(this.rules, text), (a, b) => {
      const len = b.end - b.start - (a.end - a.start);
      return len || FAMILY_ORDER[a.compiled.family]! - FAMILY_ORDER[b.compiled.family]! || a.start - b.start;
    });
    const out: Temporal[] = [];
    const cache = new Map<number, Direction>();
    const dirOf = (si: number): Direction => {
      if (!cache.has(si)) cache.set(si, this.direction(text.slice(sentences[si]!.start, sentences[si]!.end)));
      return cache.get(si)!;
    };
    // the last day-precise date read so far, for "le lendemain" and "la veille"
    let lastDay: Temporal | null = null;
    for (const m of matches) {
      const shift = m.compiled.family === "date" ? m.compiled.set?.dayShift : undefined;
      if (shift !== undefined) {
        const from = lastDay?.value ? refFromValue(lastDay.value) : null;
        if (from) out.push({ start: m.start, end: m.end, text: m.text, rule: m.rule, kind: "date", value: iso(addDays(toDate(from), shift)), precision: "day", inferred: true });
        continue;
      }
      const si = sentenceAt(sentences, m.start);
      let direction = si >= 0 ? dirOf(si) : null;
      // a sentence without tense takes the tense of the one before it in the paragraph
      const prev = si > 0 ? sentences[si - 1]! : null;
      if (!direction && prev && prev.paragraph === sentences[si]!.paragraph) direction = dirOf(si - 1);
      const t = this.interpret(m, text, ref, direction);
      if (t) out.push(t);
      if (t?.kind === "date" && t.precision === "day" && t.value && !t.value.startsWith("X")) lastDay = t;
    }
    return out;
  }

  /** Whether a sentence speaks of the past or the future (null when it does not say). */
  direction(sentence: string): Direction {
    const f = hasWord(this.future, sentence);
    const p = hasWord(this.past, sentence);
    if (f && !p) return "future";
    if (p && !f) return "past";
    return null;
  }

  interpret(m: RuleMatch, text: string, ref: RefDate | null, direction: Direction): Temporal | null {
    const g = (name: string) => {
      const r = m.groups[name];
      return r ? text.slice(r.start, r.end) : undefined;
    };
    const base = { start: m.start, end: m.end, text: m.text, rule: m.rule };
    switch (m.compiled.family) {
      case "duration": {
        const num = this.number(g("num"));
        if (num === null) return null;
        const unit = (g("unit") ?? "").toLowerCase();
        const years = unit.startsWith("mois") ? Math.round((num / 12) * 100) / 100 : num;
        return { ...base, kind: "duration", value: null, precision: "year", inferred: false, years };
      }
      case "period": {
        const from = g("from");
        const to = g("to");
        if (!from || !to || Number(to) < Number(from)) return null;
        return { ...base, kind: "period", value: from, precision: "year", inferred: false, from, to };
      }
      case "date_range": {
        const end = this.parts(g, "2");
        const start = this.parts(g, "1");
        start.month ??= end.month;
        start.year ??= end.year;
        const rel = this.rel(g("rel"));
        if (rel) start.rel = end.rel = rel;
        const r1 = this.resolve(start, ref, direction);
        const r2 = this.resolve({ ...end, year: end.year ?? (r1.value && !r1.value.startsWith("X") ? Number(r1.value.slice(0, 4)) : undefined) }, ref, direction);
        return { ...base, kind: "range", ...r1, endValue: r2.value };
      }
      case "date":
      case "dateline": {
        const parts = this.parts(g, "");
        const set = m.compiled.family === "date" ? m.compiled.set : undefined;
        if (set?.bound === "end") return null;
        if (set?.deictic) parts.deictic = set.deictic;
        if (set?.yearShift !== undefined) parts.yearShift = set.yearShift;
        if (set?.weekShift !== undefined) parts.weekShift = set.weekShift;
        if (set?.monthShift !== undefined) parts.monthShift = set.monthShift + (parts.rel === "future" ? 1 : parts.rel === "past" ? -1 : 0);
        if (set?.part) parts.part = set.part;
        if (parts.day === undefined && parts.month === undefined && parts.year === undefined && !parts.season && !parts.deictic && parts.weekday === undefined && parts.yearShift === undefined && parts.weekShift === undefined && parts.monthShift === undefined) return null;
        return { ...base, kind: "date", ...this.resolve(parts, ref, direction), parts };
      }
      default:
        return null;
    }
  }

  private parts(g: (name: string) => string | undefined, suffix: string): Parts {
    const p: Parts = {};
    const day = g(`day${suffix}`) ?? g(`nday${suffix}`);
    if (day) p.day = /^(1er|premier)$/i.test(day) ? 1 : Number.parseInt(day, 10);
    const month = g(`month${suffix}`) ?? g(`nmonth${suffix}`);
    if (month) {
      const n = /^\d+$/.test(month) ? Number(month) : Number(this.months.get(month.toLowerCase()) ?? NaN);
      if (n >= 1 && n <= 12) p.month = n;
    }
    const year = g(`year${suffix}`) ?? g(`nyear${suffix}`);
    if (year) p.year = Number(year);
    const weekday = g("weekday");
    if (weekday && !suffix) p.weekday = Number(this.weekdays.get(weekday.toLowerCase()));
    const season = g("season");
    if (season) p.season = String(this.seasons.get(season.toLowerCase()) ?? "");
    const rel = this.rel(g("rel"));
    if (rel) p.rel = rel;
    const part = g("part");
    if (part && !suffix) {
      const v = this.partWords.get(part.toLowerCase());
      if (v === "early" || v === "mid" || v === "late") p.part = v;
    }
    return p;
  }

  private rel(word: string | undefined): "past" | "future" | undefined {
    if (!word) return undefined;
    const r = this.relative.get(word.toLowerCase());
    return r === "past" || r === "future" ? r : undefined;
  }

  private number(s: string | undefined): number | null {
    if (!s) return null;
    if (/^\d+$/.test(s)) return Number(s);
    const n = this.numbers.get(s.toLowerCase());
    return n === undefined ? null : Number(n);
  }

  /** Resolves date parts against the publication date. */
  resolve(p: Parts, ref: RefDate | null, direction: Direction): Resolved {
    const dir = p.rel ?? direction;
    if (p.yearShift !== undefined) {
      if (!ref) return { value: null, precision: "year", inferred: true, warning: "year relative to a publication date the article does not give: cannot be resolved" };
      return { value: String(ref.year + p.yearShift), precision: "year", inferred: true };
    }
    // Deictic words: the publication date itself, or a day away from it.
    if (p.deictic) {
      if (!ref || ref.day === null) return { value: null, precision: "day", inferred: true, warning: "relative day with no publication date: cannot be resolved" };
      const shift = { today: 0, yesterday: -1, day_before_yesterday: -2, tomorrow: 1 }[p.deictic];
      return { value: iso(addDays(toDate(ref), shift)), precision: "day", inferred: true };
    }
    // A month named from the publication date's ("le 3 du mois prochain", "le mois dernier").
    if (p.monthShift !== undefined) {
      if (!ref) return { value: null, precision: "month", inferred: true, warning: "month relative to a publication date the article does not give: cannot be resolved" };
      const first = addMonths(new Date(ref.year, ref.month - 1, 1), p.monthShift);
      const month = iso(first).slice(0, 7);
      if (p.day === undefined) return { value: month, precision: "month", inferred: true };
      if (p.day > getDaysInMonth(first)) return { value: month, precision: "month", inferred: true, warning: `no day ${p.day} in ${month}: month only` };
      return { value: `${month}-${String(p.day).padStart(2, "0")}`, precision: "day", inferred: true };
    }
    // A week ("en début de semaine", "la semaine dernière"): only what all its days share.
    if (p.weekShift !== undefined) {
      if (!ref || ref.day === null) return { value: null, precision: "day", inferred: true, warning: "week with no publication date: cannot be resolved" };
      const refDate = toDate(ref);
      const monday = addDays(refDate, 1 - getISODay(refDate) + 7 * p.weekShift);
      const [from, to] = p.part === "early" ? [0, 2] : p.part === "late" ? [3, 6] : [0, 6];
      let days = Array.from({ length: to - from + 1 }, (_, i) => addDays(monday, from + i));
      // this week, in a past sentence: the days up to the publication date
      if (p.weekShift === 0 && dir === "past") days = days.filter((d) => d <= refDate);
      if (p.weekShift === 0 && dir === "future") days = days.filter((d) => d >= refDate);
      if (days.length === 0) return { value: null, precision: "day", inferred: true, warning: "week that does not fit the tense of its sentence" };
      const months = new Set(days.map((d) => iso(d).slice(0, 7)));
      const years = new Set(days.map((d) => d.getFullYear()));
      if (days.length === 1) return { value: iso(days[0]!), precision: "day", inferred: true };
      if (months.size === 1) return { value: [...months][0]!, precision: "month", inferred: true, warning: "a week, not a day: month only" };
      if (years.size === 1) return { value: String([...years][0]), precision: "year", inferred: true, warning: "a week across two months: year only" };
      return { value: null, precision: "day", inferred: true, warning: "a week across two years: not resolved" };
    }
    // A weekday and a day of the month ("mardi 12"): the nearest such date that falls on that weekday.
    if (p.weekday !== undefined && p.day !== undefined && p.month === undefined) {
      if (!ref) return { value: null, precision: "day", inferred: true, warning: "day without month and no publication date: cannot be resolved" };
      const candidates: Date[] = [];
      for (let k = -3; k <= 3; k++) {
        const d: Date = new Date(ref.year, ref.month - 1 + k, p.day);
        if (d.getDate() === p.day && getISODay(d) === p.weekday) candidates.push(d);
      }
      const refDate = toDate(ref.day === null ? { ...ref, day: 15 } : ref);
      const pool = dir === "future" ? candidates.filter((d) => d >= refDate) : dir === "past" ? candidates.filter((d) => d <= refDate) : candidates;
      const best = [...(pool.length ? pool : candidates)].sort((a, b) => Math.abs(a.getTime() - refDate.getTime()) - Math.abs(b.getTime() - refDate.getTime()))[0];
      if (!best) return { value: null, precision: "day", inferred: true, warning: `no ${p.day} on that weekday near the publication date` };
      return { value: iso(best), precision: "day", inferred: true };
    }
    // A weekday alone: the nearest such day before (past) or after (future) the publication date
    // ("jeudi dernier" in a Thursday's release is the week before, as "jeudi prochain" is the week after).
    if (p.weekday !== undefined && p.day === undefined) {
      if (!ref || ref.day === null) return { value: null, precision: "day", inferred: true, warning: "weekday with no publication date: cannot be resolved" };
      const refDate = toDate(ref);
      const delta = p.weekday - getISODay(refDate);
      const shift = dir === "future" ? (delta < 0 || (delta === 0 && p.rel === "future") ? delta + 7 : delta) : delta > 0 || (delta === 0 && p.rel === "past") ? delta - 7 : delta;
      return { value: iso(addDays(refDate, shift)), precision: "day", inferred: true };
    }
    if (p.season) {
      if (p.year !== undefined) return { value: `${p.year}-${p.season}`, precision: "season", inferred: false };
      if (!ref) return { value: `XXXX-${p.season}`, precision: "season", inferred: false, warning: "season with no year and no publication date" };
      const [m, d] = SEASON_START[p.season] ?? [3, 20];
      const refKey = ref.month * 100 + (ref.day ?? 15);
      const startKey = m * 100 + d;
      const endKey = startKey + 300; // a season lasts three months
      const inside = refKey >= startKey && refKey < endKey;
      let year = ref.year;
      if (dir === "future") {
        // the next one that has not begun ("au printemps prochain" on 14 March: this spring)
        if (refKey >= startKey) year += 1;
      } else if (dir === "past") {
        // the last one that is over, or the current one if the text does not say "dernier"
        if (refKey < startKey || (inside && p.rel === "past")) year -= 1;
      }
      return { value: `${year}-${p.season}`, precision: "season", inferred: true };
    }
    if (p.month !== undefined) {
      const precision: Precision = p.day !== undefined ? "day" : "month";
      if (p.year !== undefined) return this.exact(p.year, p.month, p.day, false);
      if (!ref) return { value: `XXXX-${pad(p.month)}${p.day !== undefined ? `-${pad(p.day)}` : ""}`, precision, inferred: false, warning: "no year in the text and no publication date: year unknown (XXXX)" };
      const year = pickYear(p.month, p.day, ref, dir);
      return this.exact(year, p.month, p.day, true);
    }
    if (p.year !== undefined) return { value: String(p.year), precision: "year", inferred: false };
    return { value: null, precision: "day", inferred: false };
  }

  private exact(year: number, month: number, day: number | undefined, inferred: boolean): Resolved {
    if (day === undefined) return { value: `${year}-${pad(month)}`, precision: "month", inferred };
    const d = new Date(year, month - 1, day);
    if (!isValid(d) || d.getDate() !== day) return { value: `${year}-${pad(month)}`, precision: "month", inferred, warning: `no such day: ${day}/${month}/${year}` };
    return { value: `${year}-${pad(month)}-${pad(day)}`, precision: "day", inferred };
  }

  /** Resolves a date again in a given direction (a month or season of a planned agreement is ahead). */
  reresolve(t: Temporal, ref: RefDate | null, direction: Direction): Temporal {
    if (!t.parts || !t.inferred) return t;
    return { ...t, ...this.resolve(t.parts as Parts, ref, direction) };
  }

  /** The first day-precise date of `text` by the rules of a family (datelines: those that look as far as `line`). */
  readDate(text: string, offset: number, ruleFamily: "date" | "dateline", line = 0): (Temporal & { whole: Range }) | null {
    const rules: readonly CompiledRule[] = ruleFamily === "date" ? this.ruleSet.rules("date") : this.ruleSet.rules("dateline").filter((r) => line < r.lines);
    for (const m of scan(rules, text)) {
      const t = this.interpret(m, text, null, null);
      const coarsest = "precision" in m.compiled ? m.compiled.precision : "day";
      if (t && t.value && (t.precision === "day" || (t.precision === "month" && coarsest === "month")) && !t.value.startsWith("X")) {
        // the span is the date itself ("4 mars 2024"), not the whole dateline
        const parts = ["weekday", "day", "month", "year", "nday", "nmonth", "nyear"].map((g) => m.groups[g]).filter((g): g is Range => !!g);
        const start = Math.min(...parts.map((g) => g.start));
        const end = Math.max(...parts.map((g) => g.end));
        return { ...t, start: start + offset, end: end + offset, text: text.slice(start, end), whole: { start: m.start + offset, end: m.end + offset } };
      }
    }
    return null;
  }
}

/** The year that puts month (and day) nearest the reference date in the given direction. */
function pickYear(month: number, day: number | undefined, ref: RefDate, dir: Direction): number {
  const key = (y: number) => y * 400 + month * 32 + (day ?? 0);
  // (a publication date known to the month, a magazine's "Avril 2026": a day of that month is in it,
  // before its end for a past event, after its start for a future one)
  const refKey = ref.year * 400 + ref.month * 32 + (day !== undefined ? (ref.day ?? (dir === "past" ? 31 : 0)) : 0);
  if (dir === "past") return key(ref.year) < refKey || (key(ref.year) === refKey && day !== undefined) ? ref.year : ref.year - 1;
  if (dir === "future") return key(ref.year) > refKey || (key(ref.year) === refKey && day !== undefined) ? ref.year : ref.year + 1;
  // No direction: the nearest, within six months either way.
  const diff = (month - ref.month) * 31 + ((day ?? 15) - (ref.day ?? 15));
  if (diff > 183) return ref.year - 1;
  if (diff < -183) return ref.year + 1;
  return ref.year;
}

function toDate(ref: RefDate): Date {
  return new Date(ref.year, ref.month - 1, ref.day ?? 1);
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

function iso(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function refFromValue(value: string | null | undefined): RefDate | null {
  const m = value ? /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(value) : null;
  if (!m) return null;
  return { year: Number(m[1]), month: Number(m[2]), day: m[3] ? Number(m[3]) : null };
}

export function dateReader(env: Env): DateReader {
  return new DateReader(env.rules);
}
