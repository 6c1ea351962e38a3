/** One CSV line (RFC 4180): cells holding a quote, comma or line break are quoted. */
export function csvLine(cells: readonly string[]): string {
  return cells.map((value) => (/[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value)).join(',');
}
