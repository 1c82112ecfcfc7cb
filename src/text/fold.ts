/**
 * Folding for look-ups: words (runs of letters and digits) lower-cased, without
 * accents, joined by one space. "Provence-Alpes-Côte d’Azur" → "provence alpes cote d azur".
 * The text's tokens fold the same way, so a window of tokens gives the same key.
 *
 * Folding runs for every token and every look-up key, so it is written as a loop over
 * the characters: ASCII is classified by its code, anything else by the Unicode classes.
 */
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;

/** Words repeat from one article to the next: folded forms are kept (bounded). */
const cache = new Map<string, string>();
const CACHE_LIMIT = 200_000;

/** 1 lower-case ASCII letter or digit, 2 other ASCII letter, 0 other ASCII character */
const ASCII = new Uint8Array(128);
for (let c = 48; c <= 57; c++) ASCII[c] = 1;
for (let c = 97; c <= 122; c++) ASCII[c] = 1;
for (let c = 65; c <= 90; c++) ASCII[c] = 2;

function isWordChar(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c < 128) return ASCII[c] !== 0;
  if (c >= 0xd800 && c <= 0xdbff) return LETTER_OR_DIGIT.test(String.fromCodePoint(s.codePointAt(i)!));
  // a low surrogate belongs to the high surrogate before it (alone, it is no letter)
  if (c >= 0xdc00 && c <= 0xdfff) {
    const h = i > 0 ? s.charCodeAt(i - 1) : 0;
    return h >= 0xd800 && h <= 0xdbff && isWordChar(s, i - 1);
  }
  return LETTER_OR_DIGIT.test(s[i]!);
}

export function foldToken(token: string): string {
  let plain = true;
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if (c >= 128 || ASCII[c] !== 1) {
      plain = false;
      break;
    }
  }
  if (plain) return token;
  let f = cache.get(token);
  if (f === undefined) {
    f = token.normalize("NFD").replace(/\p{M}+/gu, "").toLowerCase();
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(token, f);
  }
  return f;
}

export function foldKey(s: string): string {
  let out = "";
  let i = 0;
  const n = s.length;
  while (i < n) {
    while (i < n && !isWordChar(s, i)) i++;
    if (i >= n) break;
    const start = i;
    while (i < n && isWordChar(s, i)) i++;
    const word = foldToken(start === 0 && i === n ? s : s.slice(start, i));
    out = out ? `${out} ${word}` : word;
  }
  return out;
}
