/**
 * Stage 2, normalise: the body of the article rewritten for the extractors, with
 * every character mapped back to the decoded source. The passes run in order:
 * line endings, Unicode NFC, invisible characters, spaces, apostrophes and
 * quotes, words broken across a hyphen and a space, then repeated lines and
 * truncated teasers are dropped.
 */
import { OffsetText, type Span } from "../text/offset-text.js";

interface Pass {
  id: string;
  re: RegExp;
  replace: (m: RegExpExecArray) => string;
}

const CHARACTERS: Record<string, string> = {
  "\u00AD": "",
  "\u200B": "",
  "\u200C": "",
  "\u200D": "",
  "\u2060": "",
  "\uFEFF": "",
  "\u2019": "'",
  "\u2018": "'",
  "\u02BC": "'",
  "\u2032": "'",
  "\u00B4": "'",
  "`": "'",
  "\u201C": '"',
  "\u201D": '"',
  "\u201E": '"',
  "\u201F": '"',
  "\u2033": '"',
  "\u2010": "-",
  "\u2011": "-",
  "\u2026": "...",
};
for (let c = 0x2000; c <= 0x200a; c++) CHARACTERS[String.fromCharCode(c)] = " ";
for (const c of ["\u00A0", "\u202F", "\u205F", "\u3000", "\t", "\f", "\v"]) CHARACTERS[c] = " ";

const COMBINING = /\p{M}/u;

const PASSES: Pass[] = [
  { id: "line_endings", re: /\r\n?|\u2028|\u2029|\u0085/g, replace: () => "\n" },
  // A letter and its combining marks, composed (NFC) as one unit.
  { id: "nfc", re: /\P{M}\p{M}+/gu, replace: (m) => m[0].normalize("NFC") },
  // one pass for the characters replaced one by one: invisible ones, spaces, apostrophes, quotes, hyphens
  { id: "characters", re: /[\u00AD\u200B-\u200D\u2060\uFEFF\u00A0\u2000-\u200A\u202F\u205F\u3000\t\f\v\u2019\u2018\u02BC\u2032\u00B4`\u201C-\u201F\u2033\u2010\u2011\u2026]/g, replace: (m) => CHARACTERS[m[0]] ?? m[0] },
  // "Bourgogne- Franche-Comté": a word broken across a hyphen and a space (not "pré- et post-")
  { id: "broken_words", re: /- +(?=\p{L})(?!(?:et|ou|à)\s)/gu, replace: (m) => (m.index > 0 && /\p{L}/u.test(m.input[m.index - 1]!) ? "-" : m[0]) },
  { id: "runs_of_spaces", re: / {2,}/g, replace: () => " " },
  { id: "trailing_spaces", re: / +(?=\n)|^ +/gm, replace: () => "" },
];

/** Normalises `raw.slice(bodyStart)`; offsets of the result map into `raw`. */
export function normalise(raw: string, bodyStart: number): OffsetText {
  let ot = OffsetText.identity(raw.slice(bodyStart), bodyStart, raw.length);
  for (const pass of PASSES) {
    // most texts have no combining marks: skip the NFC pass cheaply
    if (pass.id === "nfc" && !COMBINING.test(ot.text)) continue;
    ot = ot.rewrite(pass.re, pass.replace);
  }
  return ot.remove(repeatedLines(ot.text));
}

/**
 * Lines to drop: a line repeated right after itself (blank lines between allowed),
 * such as a caption printed twice; and a "teaser" line that a later line of the
 * next few repeats and continues (a truncated preview of the paragraph).
 */
export function repeatedLines(text: string): Span[] {
  const lines: { start: number; end: number; text: string }[] = [];
  let pos = 0;
  for (const line of text.split("\n")) {
    lines.push({ start: pos, end: pos + line.length, text: line.trim() });
    pos += line.length + 1;
  }
  const drop: Span[] = [];
  let previous: string | null = null;
  lines.forEach((line, i) => {
    if (!line.text) return;
    if (line.text === previous) {
      drop.push({ start: line.start, end: Math.min(line.end + 1, text.length) });
      return;
    }
    previous = line.text;
    if (line.text.length >= 40) {
      for (let j = i + 1; j < Math.min(lines.length, i + 12); j++) {
        const later = lines[j]!.text;
        if (later.length > line.text.length + 20 && later.startsWith(line.text)) {
          drop.push({ start: line.start, end: Math.min(line.end + 1, text.length) });
          previous = null;
          break;
        }
      }
    }
  });
  return drop.sort((a, b) => a.start - b.start);
}
