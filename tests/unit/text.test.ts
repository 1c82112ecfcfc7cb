import { describe, expect, it } from "vitest";
import { OffsetText } from "../../src/text/offset-text.js";
import { normalise, repeatedLines } from "../../src/stages/normalise.js";
import { foldKey } from "../../src/text/fold.js";

describe("OffsetText", () => {
  it("maps a rewritten span back to its source", () => {
    const src = "l’État  du Maryland";
    const ot = OffsetText.identity(src).rewrite(/’/g, () => "'").rewrite(/ {2,}/g, () => " ");
    expect(ot.text).toBe("l'État du Maryland");
    const i = ot.text.indexOf("Maryland");
    const span = ot.toSource(i, i + "Maryland".length);
    expect(src.slice(span.start, span.end)).toBe("Maryland");
  });

  it("maps a removed range away and keeps offsets after it", () => {
    const src = "abc\nabc\nxyz";
    const ot = OffsetText.identity(src).remove([{ start: 4, end: 8 }]);
    expect(ot.text).toBe("abc\nxyz");
    const span = ot.toSource(4, 7);
    expect(src.slice(span.start, span.end)).toBe("xyz");
  });

  it("refuses a non-global regex", () => {
    expect(() => OffsetText.identity("a").rewrite(/a/, () => "b")).toThrow();
  });
});

describe("normalise", () => {
  it("joins words broken across a hyphen and a space, not enumerations", () => {
    const n = normalise("la Région Bourgogne- Franche-Comté et les pré- et post-", 0);
    expect(n.text).toBe("la Région Bourgogne-Franche-Comté et les pré- et post-");
  });

  it("composes decomposed accents (NFC) and keeps the span on the source", () => {
    const src = "Re\u0301gion Ile-de-France";
    const n = normalise(src, 0);
    expect(n.text).toBe("Région Ile-de-France");
    const span = n.toSource(0, 6);
    expect(src.slice(span.start, span.end)).toBe("Re\u0301gion");
  });

  it("turns typographic apostrophes, quotes and non-breaking spaces into plain ones", () => {
    expect(normalise("l’accord “signé”\u00a0: oui", 0).text).toBe("l'accord \"signé\" : oui");
  });

  it("drops a line printed twice and a truncated teaser", () => {
    const text = "Titre\n\nTitre\nLe texte commence ici et il continue un peu, un\n\nautre\nLe texte commence ici et il continue un peu, un accord de coopération.";
    const n = normalise(text, 0);
    expect(n.text.match(/Titre/g)).toHaveLength(1);
    expect(n.text.match(/Le texte commence/g)).toHaveLength(1);
    expect(repeatedLines("a b\na b\n")).toEqual([{ start: 4, end: 8 }]);
  });

  it("offsets start after the front matter", () => {
    const raw = "---\ntitle: x\n---\nCorps";
    const n = normalise(raw, 17);
    const span = n.toSource(0, 5);
    expect(raw.slice(span.start, span.end)).toBe("Corps");
  });
});

describe("foldKey", () => {
  it("folds case, accents, hyphens and apostrophes the same way as the text's tokens", () => {
    expect(foldKey("Provence-Alpes-Côte d’Azur")).toBe("provence alpes cote d azur");
    expect(foldKey("  Île-de-France ")).toBe("ile de france");
  });
});
