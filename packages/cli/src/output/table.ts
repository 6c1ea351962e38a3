/**
 * A plain table for terminals: header row, body rows, optional footer (totals) row, in box-drawing
 * characters. Written out rather than drawn by cli-table3, whose layout checks every pair of cells
 * for overlapping spans: 6-16 ms for the bundled example's 9 rows of 17 columns, a tenth of a
 * whole run. Widths count code points, which is right for the names and numbers hwcost prints
 * (not for double-width CJK characters or emoji).
 */
export function renderTable(head: string[], rows: (string | number)[][], options: { footer?: (string | number)[]; align?: ('left' | 'right')[] } = {}): string {
  const body = [...rows, ...(options.footer ? [options.footer] : [])].map((row) => head.map((_h, i) => String(row[i] ?? '')));
  const align = options.align ?? head.map((_h, i) => (i === 0 ? 'left' : 'right'));
  const widths = head.map((_h, i) => Math.max(...[head, ...body].flatMap((row) => row[i]!.split('\n').map(width))));
  const rule = (left: string, middle: string, right: string) => `${left}${widths.map((w) => '─'.repeat(w + 2)).join(middle)}${right}`;
  // A cell may hold several lines (a column's name over its unit); the row is as tall as its tallest cell.
  const lines = (cells: string[]) => {
    const split = cells.map((cell) => cell.split('\n'));
    return Array.from({ length: Math.max(...split.map((cell) => cell.length)) }, (_l, n) => `│${split.map((cell, i) => ` ${pad(cell[n] ?? '', widths[i]!, align[i] ?? 'left')} `).join('│')}│`);
  };
  return [rule('┌', '┬', '┐'), ...lines(head), ...(body.length > 0 ? [rule('├', '┼', '┤')] : []), ...body.flatMap(lines), rule('└', '┴', '┘')].join('\n');
}

function width(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

function pad(text: string, to: number, align: 'left' | 'right'): string {
  const fill = ' '.repeat(to - width(text));
  return align === 'right' ? fill + text : text + fill;
}

/**
 * Thousands separators keep large resource counts readable. Written out rather than
 * `toLocaleString('en-US')`, whose first call loads ICU data: a third of a short run's time.
 */
export function formatCount(value: number): string {
  const [whole, fraction] = String(value).split('.');
  return `${whole!.replace(/\B(?=(\d{3})+$)/g, ',')}${fraction === undefined ? '' : `.${fraction}`}`;
}
