/**
 * The pipeline, in order. Each stage reads the document as the stages before it
 * left it. Stage 8 (write) belongs to the batch runner (src/run/batch.ts), which
 * writes each record atomically once it has passed stage 7.
 *
 *   1 ingest      bytes → text, sha256, front matter          src/stages/ingest.ts
 *   2 normalise   NFC, quotes, spaces, broken words, repeats   src/stages/normalise.ts
 *   3 language    franc; non-French articles stop here         src/stages/language.ts
 *   4 segment     paragraphs, sentences, bullets, tokens       src/stages/segment.ts
 *   5 extract     publication date, title, dates, places,      src/stages/extract.ts
 *                 organisations, people, sectors, agreements
 *   6 link        agreement records from the mentions          src/stages/link.ts
 *   7 validate    the record of the contract, checked by Zod   src/stages/record.ts
 *   8 write       atomic files under output/                   src/run/batch.ts
 */
import { stemOf } from "../run/paths.js";
import { emptyMentions, type Doc } from "./doc.js";
import type { Runtime } from "./env.js";
import { decode, readFrontMatter, sha256 } from "../stages/ingest.js";
import { normalise } from "../stages/normalise.js";
import { detectLanguage } from "../stages/language.js";
import { segment } from "../stages/segment.js";
import { EXTRACTORS, type ExtractContext } from "../stages/extract.js";
import { link, type LinkResult } from "../stages/link.js";
import { buildRecord, validateRecord } from "../stages/record.js";

export interface StageState {
  ctx: ExtractContext;
  linked: LinkResult | null;
}

export interface Stage {
  id: string;
  /** whether the stage runs for this document (skipped articles stop after language) */
  when?: (doc: Doc) => boolean;
  run(doc: Doc, rt: Runtime, state: StageState): void;
}

const extracting = (doc: Doc) => doc.status === "extracted";

export const STAGES: readonly Stage[] = [
  {
    id: "ingest",
    run(doc) {
      doc.sha256 = sha256(doc.bytes);
      const decoded = decode(doc.bytes);
      doc.raw = decoded.text;
      doc.encoding = decoded.encoding;
      doc.warnings.push(...decoded.warnings);
      const fm = readFrontMatter(doc.raw);
      doc.frontMatter = fm.frontMatter;
      doc.bodyStart = fm.bodyStart;
      doc.warnings.push(...fm.warnings);
    },
  },
  {
    id: "normalise",
    run(doc) {
      doc.norm = normalise(doc.raw, doc.bodyStart);
      doc.text = doc.norm.text;
    },
  },
  {
    id: "language",
    run(doc, rt) {
      const lang = detectLanguage(doc.text, rt.rules);
      doc.language = { code: lang.code, confidence: lang.confidence };
      if (lang.code !== "fra") {
        doc.status = "skipped";
        doc.skipReason = lang.code === "und" ? "language could not be determined" : `not in French (${lang.code})`;
        doc.warnings.push(`${doc.skipReason}: not extracted`);
      }
    },
  },
  {
    id: "segment",
    when: extracting,
    run(doc, rt) {
      const seg = segment(doc.text, rt.rules);
      doc.sentences = seg.sentences;
      doc.tokens = seg.tokens;
    },
  },
  {
    id: "extract",
    when: extracting,
    run(doc, rt, state) {
      for (const x of EXTRACTORS) x.run(doc, rt, state.ctx);
    },
  },
  {
    id: "link",
    when: extracting,
    run(doc, rt, state) {
      state.linked = link(doc, rt, state.ctx.people);
    },
  },
  {
    id: "validate",
    run(doc, _rt, state) {
      const { article, trace } = buildRecord(doc, state.linked, state.ctx.people);
      doc.record = validateRecord(article);
      doc.trace = trace;
    },
  },
];

export { stemOf };

export function newDoc(relPath: string, bytes: Uint8Array): Doc {
  return {
    id: stemOf(relPath),
    relPath,
    bytes,
    sha256: "",
    encoding: "",
    raw: "",
    frontMatter: null,
    bodyStart: 0,
    norm: null,
    text: "",
    language: { code: "und", confidence: 0 },
    status: "extracted",
    skipReason: null,
    title: null,
    publishedOn: null,
    publishedOnInRaw: false,
    dateline: null,
    sentences: [],
    tokens: [],
    mentions: emptyMentions(),
    warnings: [],
    record: null,
    trace: [],
  };
}

/** Runs every stage on one article. Errors propagate: the caller records the failure. */
export function processArticle(relPath: string, bytes: Uint8Array, rt: Runtime): Doc {
  const doc = newDoc(relPath, bytes);
  const state: StageState = { ctx: { people: [] }, linked: null };
  for (const stage of STAGES) {
    if (stage.when && !stage.when(doc)) continue;
    stage.run(doc, rt, state);
  }
  return doc;
}
