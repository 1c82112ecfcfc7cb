/**
 * Loads and validates `rules/*.yaml`. Any problem (bad YAML, schema violation,
 * duplicate id or name, unknown lexicon, regex that does not compile, missing
 * group) stops the load with a RuleLoadError naming the file, line and rule id.
 */
import { dirname, join, relative } from "node:path";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { cacheDir } from "../reference/base-data.js";
import { readRuleFiles, RuleLoadError } from "./files.js";
import { isMap, isSeq, LineCounter, parseDocument, type Document } from "yaml";
import { alternation, compilePattern, PatternError } from "./compile.js";
import { Rule, RuleFile, type RuleFamily } from "./schema.js";

export { RuleLoadError };

export type CompiledRule<F extends RuleFamily = RuleFamily> = Extract<Rule, { family: F }> & {
  re: RegExp;
  file: string;
  line: number;
};

type FamilyMap = { [F in RuleFamily]: CompiledRule<F>[] };

/** Groups a family's patterns must define. */
const REQUIRED_GROUPS: Partial<Record<RuleFamily, string[]>> = {
  party: ["name"],
  person: ["name"],
  signing: ["names"],
  duration: ["num", "unit"],
  period: ["from", "to"],
  org: ["head"],
};

export class RuleSet {
  private constructor(
    private readonly lexicons: Map<string, string[]>,
    private readonly maps: Map<string, Map<string, string | number>>,
    private readonly families: FamilyMap,
    /** sha256 of every rule file's name and content: changes when any rule changes */
    readonly hash: string,
    readonly files: string[],
  ) {}

  lexicon(name: string): readonly string[] {
    const l = this.lexicons.get(name);
    if (!l) throw new Error(`no lexicon ${name}`);
    return l;
  }

  map(name: string): ReadonlyMap<string, string | number> {
    const m = this.maps.get(name);
    if (!m) throw new Error(`no map ${name}`);
    return m;
  }

  rules<F extends RuleFamily>(family: F): readonly CompiledRule<F>[] {
    return this.families[family];
  }

  private gateRe: RegExp | null | undefined;
  /** every `requires` word of every rule, as one sticky regular expression (the cheap first pass) */
  get gate(): RegExp | null {
    if (this.gateRe === undefined) {
      const words = new Set<string>();
      for (const r of this.allRules()) for (const w of r.requires ?? []) words.add(w.toLowerCase());
      this.gateRe = words.size ? new RegExp(alternation(words), "iuy") : null;
    }
    return this.gateRe;
  }

  allRules(): CompiledRule[] {
    return Object.values(this.families).flat() as CompiledRule[];
  }

  static load(dir: string): RuleSet {
    const { names, sources, hash } = readRuleFiles(dir);
    let lexicons = new Map<string, string[]>();
    let maps = new Map<string, Map<string, string | number>>();
    const declared = new Map<string, { file: string; line: number }>();
    let pending: { rule: Rule; file: string; line: number }[] = [];
    // rule files already checked (same bytes) are read back from the cache, without YAML and Zod
    const cached = readValidated(hash);
    if (cached) {
      lexicons = new Map(cached.lexicons);
      maps = new Map(cached.maps.map(([k, v]) => [k, new Map(v)]));
      pending = cached.pending;
    }

    for (const name of cached ? [] : names) {
      const path = join(dir, name);
      const file = relative(process.cwd(), path) || path;
      const source = sources.get(name)!;
      const lineCounter = new LineCounter();
      const doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true });
      if (doc.errors.length) {
        const err = doc.errors[0]!;
        throw new RuleLoadError(file, lineCounter.linePos(err.pos[0]).line, null, `invalid YAML: ${err.message.split("\n")[0]}`);
      }
      const lineOf = (path: (string | number)[]): number => lineAt(doc, lineCounter, path);
      const parsed = RuleFile.safeParse(doc.toJS() ?? {});
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
        const ruleId = path[0] === "rules" && typeof path[1] === "number" ? idAt(doc, path[1]) : null;
        throw new RuleLoadError(file, lineOf(path), ruleId, `${path.join(".") || "(file)"}: ${issue.message}`);
      }
      const content = parsed.data;
      for (const [lex, entries] of Object.entries(content.lexicons)) {
        if (lexicons.has(lex) || maps.has(lex)) throw new RuleLoadError(file, lineOf(["lexicons", lex]), null, `lexicon "${lex}" is declared twice`);
        lexicons.set(lex, entries.map((e) => e.normalize("NFC")));
      }
      for (const [m, entries] of Object.entries(content.maps)) {
        if (lexicons.has(m) || maps.has(m)) throw new RuleLoadError(file, lineOf(["maps", m]), null, `map "${m}" is declared twice`);
        maps.set(m, new Map(Object.entries(entries).map(([k, v]) => [k.normalize("NFC"), v])));
      }
      content.rules.forEach((rule, i) => {
        const line = lineOf(["rules", i]);
        const seen = declared.get(rule.id);
        if (seen) throw new RuleLoadError(file, line, rule.id, `duplicate rule id (first declared in ${seen.file}:${seen.line})`);
        declared.set(rule.id, { file, line });
        pending.push({ rule, file, line });
      });
    }

    if (!cached) {
      writeValidated(hash, {
        lexicons: [...lexicons],
        maps: [...maps].map(([k, v]) => [k, [...v]]),
        pending,
      });
    }
    const ctx = {
      lexicon: (n: string) => lexicons.get(n),
      mapKeys: (n: string) => (maps.has(n) ? [...maps.get(n)!.keys()] : undefined),
    };
    const families = {} as Record<RuleFamily, CompiledRule[]>;
    for (const f of Rule.options.map((o) => o.shape.family.value)) families[f] = [];
    for (const { rule, file, line } of pending) {
      let re: RegExp;
      try {
        re = compilePattern(rule.pattern, ctx, rule.case === "sensitive");
      } catch (e) {
        if (e instanceof PatternError) throw new RuleLoadError(file, line, rule.id, e.message);
        throw e;
      }
      const required = rule.family === "signing" && rule.names === "before" ? [] : (REQUIRED_GROUPS[rule.family] ?? []);
      for (const g of required) {
        if (!re.source.includes(`(?<${g}>`)) throw new RuleLoadError(file, line, rule.id, `a ${rule.family} rule needs a (?<${g}>...) group`);
      }
      families[rule.family].push({ ...rule, re, file, line } as CompiledRule);
    }
    return new RuleSet(lexicons, maps, families as unknown as FamilyMap, hash, names);
  }
}

interface Validated {
  lexicons: [string, string[]][];
  maps: [string, [string, string | number][]][];
  pending: { rule: Rule; file: string; line: number }[];
}

const VALIDATED_VERSION = 1;

function validatedFile(hash: string): string | null {
  try {
    return join(cacheDir(), `rules-${VALIDATED_VERSION}-${hash.slice(0, 24)}.json`);
  } catch {
    return null;
  }
}

function readValidated(hash: string): Validated | null {
  const file = validatedFile(hash);
  if (!file || !existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, "utf8")) as Validated;
  } catch {
    return null;
  }
}

function writeValidated(hash: string, v: Validated): void {
  const file = validatedFile(hash);
  if (!file) return;
  try {
    mkdirSync(dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(v));
    renameSync(tmp, file);
  } catch {
    // no cache
  }
}

function lineAt(doc: Document, lc: LineCounter, path: (string | number)[]): number {
  // Walk down as far as the path exists; report the deepest node found.
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    if (node && node.range) return lc.linePos(node.range[0]).line;
    if (n === 0 && doc.contents && "range" in doc.contents && doc.contents.range) return lc.linePos(doc.contents.range[0]).line;
  }
  return 1;
}

function idAt(doc: Document, index: number): string | null {
  const rules = doc.get("rules", true);
  if (!isSeq(rules)) return null;
  const item = rules.items[index];
  if (!isMap(item)) return null;
  const id = item.get("id");
  return typeof id === "string" ? id : null;
}
