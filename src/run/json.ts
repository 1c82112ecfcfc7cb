/** JSON as written to output/: two-space indentation and a final newline, keys in construction order. */
export function stableJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
