/**
 * Stage 4, segment: paragraphs (one a line), sentences, tokens. A bullet list stays
 * attached to the sentence that introduces it ("... tels que :"); a line starting
 * with "*" right before a word is a footnote.
 */
import type { ParagraphKind, Sentence, Token } from "../pipeline/doc.js";
import type { RuleSet } from "../rules/load.js";
import { foldToken } from "../text/fold.js";
import { escapeRegex } from "../rules/compile.js";

export interface Segmentation {
  sentences: Sentence[];
  tokens: Token[];
}

interface Paragraph {
  start: number;
  end: number;
  kind: ParagraphKind;
}

const HEADING_MAX = 140;
/** a "sentence" longer than this (a page without punctuation) is cut at spaces, so that every window stays bounded */
const MAX_SENTENCE = 2000;

export function segment(text: string, rules: RuleSet): Segmentation {
  const bullet = new RegExp(`^(?:(?:${rules.lexicon("bullet_markers").map(escapeRegex).join("|")})\\s+|\\d{1,2}[.)]\\s+|[a-z][)]\\s+)`, "u");
  const abbreviations = new Set(rules.lexicon("abbreviations"));
  const paragraphs: Paragraph[] = [];
  let pos = 0;
  for (const line of text.split("\n")) {
    const start = pos;
    pos += line.length + 1;
    const trimmed = line.trim();
    if (!trimmed) continue;
    const lead = line.length - line.trimStart().length;
    let kind: ParagraphKind = "text";
    if (/^\*(?=\p{L})/u.test(trimmed) || /^\(\d\)\s/.test(trimmed) || /^\[\d\]\s/.test(trimmed)) kind = "footnote";
    else if (bullet.test(trimmed)) kind = "bullet";
    else if (trimmed.length <= HEADING_MAX && !/[.!?:;,…»"]$/.test(trimmed)) kind = "heading";
    paragraphs.push({ start: start + lead, end: start + lead + trimmed.length, kind });
  }

  const sentences: Sentence[] = [];
  paragraphs.forEach((p, pi) => {
    const spans = p.kind === "text" || p.kind === "footnote" ? splitSentences(text, p.start, p.end, abbreviations) : [[p.start, p.end] as const];
    for (const [s0, e] of spans) {
      let s = s0;
      while (e - s > MAX_SENTENCE) {
        const space = text.lastIndexOf(" ", s + MAX_SENTENCE);
        const cut = space > s + MAX_SENTENCE / 2 ? space : s + MAX_SENTENCE;
        sentences.push({ index: sentences.length, start: s, end: cut, paragraph: pi, kind: p.kind, bullets: [], parent: null });
        s = cut + (text[cut] === " " ? 1 : 0);
      }
      sentences.push({ index: sentences.length, start: s, end: e, paragraph: pi, kind: p.kind, bullets: [], parent: null });
    }
  });

  // Attach bullets to the sentence that introduces them: the nearest non-bullet
  // sentence before the list, when it ends with ":" (or the list follows a heading-less intro).
  let intro: Sentence | null = null;
  for (const s of sentences) {
    if (s.kind === "bullet") {
      if (intro) {
        intro.bullets.push(s.index);
        s.parent = intro.index;
      }
      continue;
    }
    intro = /:\s*$/.test(text.slice(s.start, s.end)) ? s : null;
  }
  return { sentences, tokens: tokenize(text) };
}

const BOUNDARY = /[.!?]+["»)\]]*\s+(?=["«(\[]?\s*[\p{Lu}\d])/gu;

function splitSentences(text: string, start: number, end: number, abbreviations: Set<string>): [number, number][] {
  const out: [number, number][] = [];
  const para = text.slice(start, end);
  let from = 0;
  BOUNDARY.lastIndex = 0;
  for (let m = BOUNDARY.exec(para); m; m = BOUNDARY.exec(para)) {
    const before = /([\p{L}.]+)\.*$/u.exec(para.slice(Math.max(0, m.index - 12), m.index + 1));
    const word = before?.[1]?.replace(/\.+$/, "") ?? "";
    // "M. Decoster", "J. Dupont", "S.E. l'ambassadeur": not a boundary
    if (para[m.index] === "." && (abbreviations.has(word) || /^\p{Lu}$/u.test(word) || /^(\p{L}\.)+\p{L}$/u.test(word))) continue;
    const cut = m.index + m[0].trimEnd().length;
    out.push([start + from, start + cut]);
    from = m.index + m[0].length;
  }
  if (from < para.length) out.push([start + from, end]);
  return out;
}

const WORD = /[\p{L}\p{N}]+/gu;

const UPPER_FIRST = /^\p{Lu}/u;

/** A token; its folded form is computed when first asked for (most tokens never are). */
class TokenImpl implements Token {
  private folded: string | undefined;
  joinsNext = false;
  constructor(
    readonly start: number,
    readonly end: number,
    readonly text: string,
    readonly cap: boolean,
  ) {}
  get fold(): string {
    this.folded ??= foldToken(this.text);
    return this.folded;
  }
  get upper(): boolean {
    return this.text.length >= 2 && this.text === this.text.toUpperCase() && this.text !== this.text.toLowerCase();
  }
}

export function tokenize(text: string): Token[] {
  const tokens: TokenImpl[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) {
    const t = m[0];
    tokens.push(new TokenImpl(m.index, m.index + t.length, t, UPPER_FIRST.test(t)));
  }
  for (let i = 0; i + 1 < tokens.length; i++) {
    const a = tokens[i]!.end;
    const gap = tokens[i + 1]!.start - a;
    // " ", "-", "'", "' ", " - ": a name may go on across the gap
    if (gap === 1) tokens[i]!.joinsNext = text[a] === " " || text[a] === "-" || text[a] === "'";
    else if (gap === 2) tokens[i]!.joinsNext = text[a] === "'" && text[a + 1] === " ";
    else if (gap === 3) tokens[i]!.joinsNext = text.slice(a, a + 3) === " - ";
  }
  return tokens;
}

/** Index of the sentence holding `offset` (binary search), or -1. */
/** A web page's menu or breadcrumb line ("Accueil > Actualités > International", "Accueil | Agenda | Contact"): three items or more. */
export function isNavigation(line: string): boolean {
  return NAVIGATION.test(line);
}
const NAVIGATION = /^[^|>›\n]{1,60}(?:\s(?:\||>|›)\s[^|>›\n]{1,60}){2,}$/u;

export function sentenceAt(sentences: readonly Sentence[], offset: number): number {
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = sentences[mid]!;
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}
