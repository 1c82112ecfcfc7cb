/**
 * --explain: every extracted value with the rule that produced it and the text of
 * the source it was read from.
 */
import type { Doc } from "../pipeline/doc.js";

export function explain(doc: Doc): string {
  const r = doc.record;
  const lines: string[] = [];
  lines.push(`${doc.relPath}: ${r?.status ?? "?"} · language ${doc.language.code} (${doc.language.confidence}) · ${r?.agreements.length ?? 0} agreement(s) · ${r?.people.length ?? 0} people`);
  for (const t of doc.trace) {
    const where = t.span ? `@${t.span.start}-${t.span.end}` : "";
    const text = t.text ? ` "${t.text.replace(/\s+/g, " ").slice(0, 120)}"` : "";
    const inferred = t.inferred ? " (inferred)" : "";
    lines.push(`  ${t.path} = ${JSON.stringify(t.value)}${inferred}  [${t.rule}] ${where}${text}`);
  }
  for (const w of r?.warnings ?? []) lines.push(`  warning: ${w}`);
  return lines.join("\n");
}
