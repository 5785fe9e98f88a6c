/** A plain Markdown table, columns padded so it also reads well in a terminal. */
export function printTable(title: string, header: readonly string[], rows: readonly (readonly string[])[]): void {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? "").length)));
  const line = (cells: readonly string[]): string => `| ${cells.map((x, c) => x.padEnd(widths[c] ?? 0)).join(" | ")} |`;
  console.log(`\n${title}`);
  console.log(line(header));
  console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const r of rows) console.log(line(r));
}

/** Three decimals; "–" where the figure is undefined (e.g. precision with no predictions). */
export function num(x: number, digits = 3): string {
  return Number.isNaN(x) ? "–" : x.toFixed(digits);
}
