import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RuleLoadError, RuleSet } from "../../src/rules/load.js";
import { ScanContext } from "../../src/extract/engine.js";

function ruleDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "rules-"));
  for (const [name, body] of Object.entries(files)) writeFileSync(join(dir, name), body);
  return dir;
}

function loadError(files: Record<string, string>): RuleLoadError {
  try {
    RuleSet.load(ruleDir(files));
  } catch (e) {
    if (e instanceof RuleLoadError) return e;
    throw e;
  }
  throw new Error("no error");
}

const good = `lexicons:\n  months: [janvier, février]\nrules:\n  - id: date.test\n    family: date\n    pattern: "{lex:months}"\n    examples:\n      - { text: "en janvier" }\n`;

describe("rule loading", () => {
  it("loads the project's rules", () => {
    const rules = RuleSet.load("rules");
    expect(rules.rules("agreement").length).toBeGreaterThan(5);
    expect(rules.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("compiles lexicons longest first, escaped, with Unicode word boundaries", () => {
    const rules = RuleSet.load(ruleDir({ "a.yaml": `lexicons:\n  l: [été, "c.-à-d.", étés]\nrules:\n  - id: x.y\n    family: domain_intro\n    pattern: "{B}{lex:l}{E}"\n` }));
    const re = rules.rules("domain_intro")[0]!.re;
    expect("un bel été".match(re)?.[0]).toBe("été");
    expect("les étés".match(re)?.[0]).toBe("étés");
    expect("c.-à-d.".match(re)?.[0]).toBe("c.-à-d.");
    expect("réétéé".match(re)).toBeNull();
  });

  it("names the file and line of invalid YAML", () => {
    const e = loadError({ "a.yaml": good, "b.yaml": "rules:\n  - id: x.y\n    pattern: [unclosed\n" });
    expect(e.file).toMatch(/b\.yaml$/);
    expect(e.line).toBeGreaterThan(1);
    expect(e.message).toMatch(/invalid YAML/);
  });

  it("names the file, line and rule id of a schema violation", () => {
    const e = loadError({ "a.yaml": `rules:\n  - id: status.x\n    family: status\n    status: maybe\n    pattern: "x"\n` });
    expect(e.ruleId).toBe("status.x");
    expect(e.line).toBe(4);
    expect(e.message).toMatch(/status/);
  });

  it("rejects an unknown lexicon, a regex that does not compile, a missing group and a duplicate id", () => {
    expect(loadError({ "a.yaml": `rules:\n  - id: a.b\n    family: domain_intro\n    pattern: "{lex:nope}"\n` }).message).toMatch(/\[a\.b\].*unknown lexicon "nope"/);
    expect(loadError({ "a.yaml": `rules:\n  - id: a.b\n    family: domain_intro\n    pattern: "(unclosed"\n` }).message).toMatch(/does not compile/);
    expect(loadError({ "a.yaml": `rules:\n  - id: a.b\n    family: party\n    kind: city\n    case: sensitive\n    pattern: "{NAME}"\n` }).message).toMatch(/needs a \(\?<name>/);
    expect(loadError({ "a.yaml": good, "b.yaml": "lexicons:\n  months: [mars]\n" }).message).toMatch(/lexicon "months" is declared twice/);
    const dup = loadError({ "a.yaml": good, "b.yaml": good.replace(/lexicons:[\s\S]*?rules:/, "rules:").replace("{lex:months}", "janvier") });
    expect(dup.message).toMatch(/duplicate rule id \(first declared in .*a\.yaml:4\)/);
    expect(dup.file).toMatch(/b\.yaml$/);
    expect(dup.line).toBe(2);
  });

  it("rejects a required word that does not start with a letter, naming the rule", () => {
    const e = loadError({ "a.yaml": `rules:\n  - id: a.b\n    family: domain_intro\n    pattern: "x"\n    requires: ["-x"]\n` });
    expect(e.ruleId).toBe("a.b");
    expect(e.message).toMatch(/starts with a letter/);
  });

  it("finds required words at word starts only", () => {
    const rules = RuleSet.load(ruleDir({ "a.yaml": `rules:\n  - id: a.b\n    family: domain_intro\n    pattern: "x"\n    requires: [mai, domaine, maison]\n` }));
    const text = "Le domaine. 12mai. Une maison.";
    const sentences = [{ start: 0, end: 11 }, { start: 12, end: 18 }, { start: 19, end: 30 }];
    const sc = new ScanContext(text, sentences as never, rules.gate);
    // "mai" inside "domaine" is no word, after a digit it is one; at "maison" the longer listed word is the one found
    expect(sc.rangesFor(rules.rules("domain_intro")[0]!)).toEqual([{ start: 0, end: 30 }]);
    const onlyMai = { ...rules.rules("domain_intro")[0]!, requires: ["mai"] };
    expect(sc.rangesFor(onlyMai)).toEqual([{ start: 12, end: 18 }]);
  });

  it("refuses {NAME} in a case-insensitive rule", () => {
    expect(loadError({ "a.yaml": `rules:\n  - id: a.b\n    family: person\n    pattern: "(?<name>{NAME})"\n` }).message).toMatch(/case: sensitive/);
  });

  it("changes its hash when a rule changes", () => {
    const dir = ruleDir({ "a.yaml": good });
    const h1 = RuleSet.load(dir).hash;
    writeFileSync(join(dir, "a.yaml"), readFileSync(join(dir, "a.yaml"), "utf8").replace("février", "mars"));
    expect(RuleSet.load(dir).hash).not.toBe(h1);
  });
});
