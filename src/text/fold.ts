/**
 * Folding for look-ups: words (runs of letters and digits) lower-cased, without
 * accents, joined by one space. "Provence-Alpes-Côte d’Azur" → "provence alpes cote d azur".
 * The text's tokens fold the same way, so a window of tokens gives the same key.
 */
const WORD = /[\p{L}\p{N}]+/gu;
const ASCII_LOWER = /^[a-z0-9]+$/;

/** Words repeat from one article to the next: folded forms are kept (bounded). */
const cache = new Map<string, string>();
const CACHE_LIMIT = 200_000;

export function foldToken(token: string): string {
  if (ASCII_LOWER.test(token)) return token;
  let f = cache.get(token);
  if (f === undefined) {
    f = token.normalize("NFD").replace(/\p{M}+/gu, "").toLowerCase();
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(token, f);
  }
  return f;
}

export function foldKey(s: string): string {
  const words = s.match(WORD);
  if (!words) return "";
  if (words.length === 1) return foldToken(words[0]!);
  return words.map(foldToken).join(" ");
}
