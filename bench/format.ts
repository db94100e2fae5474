/** Decimal units throughout, as the targets are written (300 kB = 300,000 bytes). */
export function bytes(n: number): string {
  if (n < 1000) return `${n} B`;
  if (n < 1e6) return `${(n / 1e3).toFixed(1)} kB`;
  if (n < 1e9) return `${(n / 1e6).toFixed(1)} MB`;
  return `${(n / 1e9).toFixed(2)} GB`;
}

export const seconds = (s: number): string => `${s.toFixed(s < 10 ? 2 : 1)} s`;
export const ms = (n: number): string => `${Math.round(n)} ms`;
export const int = (n: number): string => n.toLocaleString("en");
export const rate = (count: number, s: number, unit: string): string => (s > 0 ? `${int(Math.round(count / s))} ${unit}/s` : "–");

/** Left-aligned columns; the widest cell sets each column's width. */
export function table(rows: readonly (readonly string[])[], indent = "  "): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) => indent + row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join("   ")).join("\n");
}
