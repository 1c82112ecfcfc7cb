import { describe, expect, it } from "vitest";
import { decode, readFrontMatter, UnreadableInput } from "../../src/stages/ingest.js";

describe("decode", () => {
  it("reads UTF-8 with and without BOM", () => {
    expect(decode(Buffer.from("Région", "utf8"))).toMatchObject({ text: "Région", encoding: "utf-8" });
    expect(decode(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("Région", "utf8")]))).toMatchObject({ text: "Région", encoding: "utf-8-bom" });
  });

  it("reads UTF-16 with a BOM", () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("Région l’accord", "utf16le")]);
    expect(decode(le).text).toBe("Région l’accord");
  });

  it("falls back to Windows-1252 with accents and curly apostrophes right", () => {
    const cp1252 = Buffer.from([0x52, 0xe9, 0x67, 0x69, 0x6f, 0x6e, 0x20, 0x6c, 0x92, 0x61, 0x63, 0x63, 0x6f, 0x72, 0x64]);
    const d = decode(cp1252);
    expect(d.text).toBe("Région l’accord");
    expect(d.encoding).toBe("windows-1252");
    expect(d.warnings[0]).toMatch(/Windows-1252/);
  });

  it("refuses empty, blank and binary content", () => {
    expect(() => decode(Buffer.alloc(0))).toThrow(UnreadableInput);
    expect(() => decode(Buffer.from("  \n\t \n"))).toThrow(/white space/);
    expect(() => decode(Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0x01, 0x02, 0x03, 0x00, 0x00, 0x9c, 0x00]))).toThrow(/binary/);
  });
});

describe("front matter", () => {
  it("reads title, date, url and source, and where the body starts", () => {
    const text = "---\ntitle: La Normandie et le Québec\ndate: 2024-03-12\nurl: https://example.fr/a\nsource: Région\n---\nCorps du texte";
    const fm = readFrontMatter(text);
    expect(fm.frontMatter).toMatchObject({ title: "La Normandie et le Québec", url: "https://example.fr/a", source: "Région" });
    expect(text.slice(fm.frontMatter!.date!.start, fm.frontMatter!.date!.end)).toBe("2024-03-12");
    expect(text.slice(fm.bodyStart)).toBe("Corps du texte");
  });

  it("warns about malformed front matter and still finds the body", () => {
    const fm = readFrontMatter("---\ntitle: [oops\n---\nCorps");
    expect(fm.frontMatter).toBeNull();
    expect(fm.warnings[0]).toMatch(/malformed front matter/);
    expect(fm.bodyStart).toBe("---\ntitle: [oops\n---\n".length);
  });

  it("reads a text without front matter from its start", () => {
    expect(readFrontMatter("Titre\nCorps")).toEqual({ frontMatter: null, bodyStart: 0, warnings: [] });
  });
});
