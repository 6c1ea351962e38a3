import Table from 'cli-table3';

/** A plain table for terminals: header row, body rows, optional footer (totals) row. */
export function renderTable(head: string[], rows: (string | number)[][], options: { footer?: (string | number)[]; align?: ('left' | 'right')[] } = {}): string {
  const table = new Table({
    head,
    style: { head: [], border: [], compact: true },
    colAligns: options.align ?? head.map((_h, i) => (i === 0 ? 'left' : 'right')),
  });
  for (const row of rows) table.push(row.map(String));
  if (options.footer) table.push(options.footer.map(String));
  return table.toString();
}

/**
 * Thousands separators keep large resource counts readable. Written out rather than
 * `toLocaleString('en-US')`, whose first call loads ICU data: a third of a short run's time.
 */
export function formatCount(value: number): string {
  const [whole, fraction] = String(value).split('.');
  return `${whole!.replace(/\B(?=(\d{3})+$)/g, ',')}${fraction === undefined ? '' : `.${fraction}`}`;
}
