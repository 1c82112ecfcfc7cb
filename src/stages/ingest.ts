/**
 * Stage 1, ingest: bytes → decoded text, its hash, and the optional YAML front
 * matter (title, date, url, source) at the top of the file.
 */
import { createHash } from "node:crypto";
import { parseDocument, isMap, isScalar, LineCounter } from "yaml";
import type { FrontMatter } from "../pipeline/doc.js";

export class UnreadableInput extends Error {}

export interface Decoded {
  text: string;
  encoding: string;
  warnings: string[];
}

/** Share of control characters above which a file is taken for binary. */
const MAX_CONTROL_SHARE = 0.02;

export function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/**
 * Decodes UTF-8 (with or without BOM), UTF-16 with a BOM, and falls back to
 * Windows-1252 (a superset of Latin-1 for text) when the bytes are not valid UTF-8.
 * Throws UnreadableInput for empty or binary content.
 */
export function decode(bytes: Uint8Array): Decoded {
  const warnings: string[] = [];
  if (bytes.length === 0) throw new UnreadableInput("empty file");
  let text: string;
  let encoding: string;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    encoding = "utf-8-bom";
    text = decodeUtf8(bytes.subarray(3), warnings);
  } else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    encoding = "utf-16le";
    text = new TextDecoder("utf-16le").decode(bytes.subarray(2));
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    encoding = "utf-16be";
    text = new TextDecoder("utf-16be").decode(bytes.subarray(2));
  } else {
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
      encoding = "utf-8";
    } catch {
      if (looksBinary(bytes)) throw new UnreadableInput("binary content (not text)");
      // Mostly UTF-8 with a few broken sequences, or another encoding altogether?
      const lenient = new TextDecoder("utf-8").decode(bytes);
      const broken = (lenient.match(/\uFFFD/g) ?? []).length;
      const wellFormed = (lenient.match(/[^\x00-\x7F\uFFFD]/g) ?? []).length;
      if (wellFormed >= 4 * broken) {
        text = lenient;
        encoding = "utf-8";
        warnings.push(`${broken} invalid UTF-8 sequence(s) replaced by U+FFFD`);
      } else {
        text = decodeWindows1252(bytes);
        encoding = "windows-1252";
        warnings.push("not valid UTF-8: decoded as Windows-1252");
      }
    }
  }
  if (text.includes("\u0000")) {
    if (controlShare(text) > MAX_CONTROL_SHARE) throw new UnreadableInput("binary content (NUL bytes)");
    warnings.push("NUL characters removed");
    text = text.replace(/\u0000/g, "");
  }
  if (controlShare(text) > MAX_CONTROL_SHARE) throw new UnreadableInput("binary content (control characters)");
  if (text.trim().length === 0) throw new UnreadableInput("no text (only white space)");
  return { text, encoding, warnings };
}

function decodeUtf8(bytes: Uint8Array, warnings: string[]): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    warnings.push("invalid UTF-8 sequences replaced by U+FFFD");
    return new TextDecoder("utf-8").decode(bytes);
  }
}

/** Windows-1252 bytes 0x80–0x9F (Node's TextDecoder reads them as Latin-1 control characters). */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

export function decodeWindows1252(bytes: Uint8Array): string {
  let out = "";
  const chunk: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    chunk.push(b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80]! : b);
    if (chunk.length === 8192) {
      out += String.fromCharCode(...chunk);
      chunk.length = 0;
    }
  }
  return out + String.fromCharCode(...chunk);
}

function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0 || (b < 32 && b !== 9 && b !== 10 && b !== 13 && b !== 12)) bad++;
  }
  return bad / n > MAX_CONTROL_SHARE;
}

function controlShare(text: string): number {
  const n = Math.min(text.length, 8192);
  if (n === 0) return 0;
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) bad++;
  }
  return bad / n;
}

const FRONT_MATTER = /^(?:\s*\n)?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

export interface FrontMatterResult {
  frontMatter: FrontMatter | null;
  bodyStart: number;
  warnings: string[];
}

/** Reads an optional `---` … `---` YAML block at the top of the text. */
export function readFrontMatter(text: string): FrontMatterResult {
  const m = FRONT_MATTER.exec(text);
  if (!m) {
    if (/^---[ \t]*\r?\n/.test(text)) return { frontMatter: null, bodyStart: 0, warnings: ["front matter starts with --- but is never closed: read as text"] };
    return { frontMatter: null, bodyStart: 0, warnings: [] };
  }
  const yamlText = m[1]!;
  const yamlStart = m.index + m[0].indexOf(yamlText);
  const bodyStart = m.index + m[0].length;
  const warnings: string[] = [];
  const lc = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter: lc, prettyErrors: false });
  if (doc.errors.length || !isMap(doc.contents)) {
    const why = doc.errors[0]?.message.split("\n")[0] ?? "not a list of key: value lines";
    warnings.push(`malformed front matter (${why}): ignored`);
    return { frontMatter: null, bodyStart, warnings };
  }
  const fm: FrontMatter = {};
  for (const item of doc.contents.items) {
    if (!isScalar(item.key) || !isScalar(item.value)) continue;
    const key = String(item.key.value).toLowerCase();
    const value = item.value.value;
    if (value === null || value === undefined) continue;
    const str = value instanceof Date ? value.toISOString().slice(0, 10) : String(value).trim();
    if (!str) continue;
    if (key === "title") fm.title = str;
    else if (key === "url") fm.url = str;
    else if (key === "source") fm.source = str;
    else if (key === "date") {
      const range = item.value.range;
      const start = range ? yamlStart + range[0] : yamlStart;
      const end = range ? yamlStart + range[1] : yamlStart;
      fm.date = { text: text.slice(start, end).replace(/^["']|["']$/g, "") || str, start, end };
    }
  }
  return { frontMatter: fm, bodyStart, warnings };
}
