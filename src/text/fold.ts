/**
 * Folding for look-ups: words (runs of letters and digits) lower-cased, without
 * accents, joined by one space. "Provence-Alpes-Côte d’Azur" → "provence alpes cote d azur".
 * The text's tokens fold the same way, so a window of tokens gives the same key.
 */
const WORD = /[\p{L}\p{N}]+/gu;

export function foldToken(token: string): string {
  // Fast path: ASCII lower case needs no normalisation.
  if (/^[a-z0-9]+$/.test(token)) return token;
  return token.normalize("NFD").replace(/\p{M}+/gu, "").toLowerCase();
}

export function foldKey(s: string): string {
  const words = s.match(WORD);
  return words ? words.map(foldToken).join(" ") : "";
}
