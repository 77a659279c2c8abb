/**
 * The one CSV writer (RFC 4180), used by chart exports and the command-line lab: CRLF line ends, a
 * header with the union of the rows' keys in first-seen order, fields quoted when they hold a comma,
 * a quote, CR or LF (inner quotes doubled), empty fields for missing values.
 */

export type Cell = number | string | boolean | null | undefined;
export type Row = Record<string, Cell>;

export interface CsvOptions {
  /** the columns to write, in order (default: the union of the rows' keys) */
  columns?: readonly string[];
  /** how a finite number is written (default: full precision); NaN and ±Infinity are spelled out */
  formatNumber?: (value: number) => string;
}

export function csvField(value: Cell, formatNumber: (value: number) => string = String): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'NaN';
    if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
    return formatNumber(value);
  }
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** the union of the rows' keys, in first-seen order */
export function columnsOf(rows: readonly Row[]): string[] {
  const seen = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r)) seen.add(k);
  return [...seen];
}

/** the CSV text; no columns at all (no rows, no explicit columns) gives the empty string */
export function rowsToCsv(rows: readonly Row[], options: CsvOptions = {}): string {
  const columns = options.columns ?? columnsOf(rows);
  if (columns.length === 0) return '';
  const lines = [columns.map((c) => csvField(c)).join(',')];
  for (const r of rows) lines.push(columns.map((c) => csvField(r[c], options.formatNumber)).join(','));
  return lines.join('\r\n') + '\r\n';
}
