/**
 * Checks the gold fixtures: every article has a gold record and the reverse, each record
 * matches the gold schema, and every code exists in the reference data.
 * Usage: npm run check:gold -- [--fixtures dir] [--prefix stem]   (or: [fixturesDir] [stemPrefix])
 */
import { readdirSync, readFileSync } from "node:fs";
import { basename, extname, join } from "node:path";
import { parseArgs } from "node:util";
import { GoldArticle } from "./gold.js";
import { isKnownCountry, isKnownSubdivision, isKnownCommune } from "../reference/codes.js";

export interface GoldProblem {
  file: string;
  message: string;
}

export function checkGold(fixturesDir: string, prefix = ""): GoldProblem[] {
  const problems: GoldProblem[] = [];
  const articlesDir = join(fixturesDir, "articles");
  const goldDir = join(fixturesDir, "gold");
  const stems = new Set(readdirSync(articlesDir).filter((f) => !f.startsWith(".")).map((f) => basename(f, extname(f))).filter((s) => s.startsWith(prefix)));
  const golds = readdirSync(goldDir).filter((f) => f.endsWith(".json") && f.startsWith(prefix));
  for (const g of golds) {
    const stem = basename(g, ".json");
    const file = join(goldDir, g);
    if (!stems.has(stem)) problems.push({ file, message: "no article with this stem" });
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, "utf8"));
    } catch (e) {
      problems.push({ file, message: `not JSON: ${(e as Error).message}` });
      continue;
    }
    const parsed = GoldArticle.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push({ file, message: `${issue.path.join(".")}: ${issue.message}` });
      continue;
    }
    const gold = parsed.data;
    if (gold.id !== stem) problems.push({ file, message: `id ${gold.id} is not the stem ${stem}` });
    gold.agreements.forEach((a, i) => {
      for (const p of a.parties) {
        const where = `agreements.${i} party ${p.name}`;
        if (p.country && !isKnownCountry(p.country)) problems.push({ file, message: `${where}: unknown country ${p.country}` });
        if (p.code?.startsWith("INSEE:")) {
          if (!isKnownCommune(p.code.slice(6))) problems.push({ file, message: `${where}: unknown commune ${p.code}` });
        } else if (p.code && !isKnownSubdivision(p.code)) {
          problems.push({ file, message: `${where}: unknown ISO 3166-2 code ${p.code}` });
        }
        if (p.code && p.country && !p.code.startsWith("INSEE:") && !p.code.startsWith(p.country + "-")) {
          problems.push({ file, message: `${where}: code ${p.code} is not in country ${p.country}` });
        }
      }
    });
  }
  for (const stem of stems) {
    if (!golds.includes(`${stem}.json`)) problems.push({ file: join(articlesDir, stem), message: "article without a gold record" });
  }
  return problems;
}

const isMain = process.argv[1] && import.meta.url.endsWith(basename(process.argv[1]));
if (isMain) {
  // the folder as npm run eval takes it (--fixtures), or as the first argument
  const { values, positionals } = parseArgs({ options: { fixtures: { type: "string" }, prefix: { type: "string" } }, allowPositionals: true });
  const dir = values.fixtures ?? positionals[0] ?? "tests/fixtures";
  const problems = checkGold(dir, values.prefix ?? positionals[1] ?? "");
  for (const p of problems) console.log(`${p.file}: ${p.message}`);
  console.log(problems.length ? `${problems.length} problem(s)` : "gold fixtures OK");
  process.exitCode = problems.length ? 1 : 0;
}
