/**
 * Turns a rule pattern into a RegExp. Placeholders:
 *   {lex:name}   alternation of a lexicon's entries (longest first, escaped)
 *   {map:name}   alternation of a map's keys
 *   {B} {E}      Unicode-aware word start / end (JavaScript's \b only knows ASCII)
 *   {CAP}        one capitalised word ("Zhejiang", "Bade-Wurtemberg", "PARIS")
 *   {NAME}       a proper-name phrase: capitalised words joined by de/du/la/d'/-
 *   {i:text}     `text` matched whatever its case (inside case-sensitive rules)
 * Spaces in lexicon entries match any run of spaces; apostrophes match ' and ’.
 */

export class PatternError extends Error {}

export const WORD_START = "(?<![\\p{L}\\p{N}])";
export const WORD_END = "(?![\\p{L}\\p{N}])";
/** a capitalised word, possibly hyphenated, possibly all capitals */
export const CAP_WORD = "\\p{Lu}[\\p{L}\\p{M}]*(?:[-'][\\p{L}\\p{M}]+)*";
const CONNECTOR = "(?:de\\s+la|de\\s+l'|de|du|des|la|le|les|d'|l')";
/** Capitalised words, joined by connectors; the phrase starts and ends on a capitalised word. */
export const NAME_PHRASE = `${CAP_WORD}(?:(?:\\s+|\\s*-\\s*)(?:${CONNECTOR}(?:\\s+|(?<='))(?=\\p{Lu}))?${CAP_WORD})*`;

export function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

/** A lexicon entry as a regex: escaped, spaces flexible, apostrophes either way. */
export function entryToRegex(entry: string): string {
  return escapeRegex(entry.normalize("NFC"))
    .replace(/\s+/g, "\\s+")
    .replace(/['’]/g, "['’]");
}

export function alternation(entries: Iterable<string>): string {
  const unique = [...new Set(entries)].sort((a, b) => b.length - a.length || a.localeCompare(b));
  return `(?:${unique.map(entryToRegex).join("|")})`;
}

function anyCase(text: string): string {
  let out = "";
  for (const ch of text) {
    const lo = ch.toLowerCase();
    const up = ch.toUpperCase();
    if (/\s/.test(ch)) out += "\\s+";
    else if (ch === "'" || ch === "’") out += "['’]";
    else if (lo !== up) out += `[${lo}${up}]`;
    else out += escapeRegex(ch);
  }
  return out;
}

export interface CompileContext {
  lexicon(name: string): readonly string[] | undefined;
  mapKeys(name: string): readonly string[] | undefined;
}

/** Expands placeholders; throws PatternError on an unknown reference. */
export function expandPattern(pattern: string, ctx: CompileContext, caseSensitive: boolean): string {
  return pattern.replace(/(?<!\\[pPu])\{([A-Za-z][A-Za-z_]*)(?::([^}]*))?\}/g, (whole, key: string, arg: string | undefined) => {
    switch (key) {
      case "lex": {
        const entries = arg ? ctx.lexicon(arg) : undefined;
        if (!entries) throw new PatternError(`unknown lexicon "${arg}"`);
        return alternation(entries);
      }
      case "map": {
        const keys = arg ? ctx.mapKeys(arg) : undefined;
        if (!keys) throw new PatternError(`unknown map "${arg}"`);
        return alternation(keys);
      }
      case "B":
        return WORD_START;
      case "E":
        return WORD_END;
      case "CAP":
      case "NAME":
        if (!caseSensitive) throw new PatternError(`{${key}} needs "case: sensitive" (with the i flag \\p{Lu} matches any letter)`);
        return key === "CAP" ? CAP_WORD : NAME_PHRASE;
      case "i":
        if (arg === undefined) throw new PatternError("{i:...} needs a text");
        return `(?:${anyCase(arg)})`;
      default:
        throw new PatternError(`unknown placeholder ${whole}`);
    }
  });
}

/**
 * A pattern that starts with {B} is compiled without it and the engine checks the
 * boundary itself: a regex that starts with a look-behind is tried at every position
 * of the text (about ten times slower in V8) instead of at the few where its first
 * characters occur.
 */
export function compilePattern(pattern: string, ctx: CompileContext, caseSensitive: boolean): RegExp & { wordStart?: boolean } {
  const leading = pattern.startsWith("{B}");
  const source = expandPattern(leading ? pattern.slice(3) : pattern, ctx, caseSensitive);
  try {
    // match indices (the d flag) cost time: only for patterns with named groups
    const flags = `${source.includes("(?<") && /\(\?<[A-Za-z]/.test(source) ? "d" : ""}g${caseSensitive ? "" : "i"}u`;
    const re: RegExp & { wordStart?: boolean } = new RegExp(source, flags);
    if (leading) re.wordStart = true;
    return re;
  } catch (e) {
    throw new PatternError(`pattern does not compile: ${(e as Error).message}`);
  }
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** Whether a match at `index` starts a word (what {B} asks). */
export function startsWord(text: string, index: number): boolean {
  return index === 0 || !isLetterOrDigitAt(text, index - 1);
}

/** The character (UTF-16 unit) at `i` is a letter or a digit: ASCII by its code, the rest by Unicode class. */
function isLetterOrDigitAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  return LETTER_OR_DIGIT.test(text[i]!);
}

/** The character (UTF-16 unit) at `i` is a letter. */
export function isLetterAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
  return LETTER.test(text[i]!);
}

const LETTER = /\p{L}/u;

/**
 * The next match of a sticky expression (flag `y`) that starts a word at or after
 * `from` (the character before it is not `inWord`: by default a letter or a digit): the
 * expression is tried at word starts only. For a long alternation (a whole
 * lexicon) this is several times faster than letting V8 try it at every position and
 * dropping the matches inside words, and it finds the same matches.
 */
export function nextAtWordStart(sticky: RegExp, text: string, from: number, inWord: (text: string, i: number) => boolean = isLetterOrDigitAt): RegExpExecArray | null {
  for (let i = from; i < text.length; i++) {
    if (i > 0 && inWord(text, i - 1)) continue;
    sticky.lastIndex = i;
    const m = sticky.exec(text);
    if (m) return m;
  }
  return null;
}
