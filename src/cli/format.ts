/** Output formats of the command-line lab: JSON, CSV and aligned text tables. */

import { columnsOf, rowsToCsv, type Row } from '../format/csv';

export type { Row };

export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return Number(value.toPrecision(8)).toString();
}

/** RFC 4180 CSV (src/format/csv.ts, the writer chart exports use too), numbers to 8 significant digits */
export function toCsv(rows: readonly Row[]): string {
  return rowsToCsv(rows, { formatNumber });
}

export function toTable(rows: readonly Row[]): string {
  if (rows.length === 0) return '';
  const columns = columnsOf(rows);
  const cells = rows.map((row) =>
    columns.map((column) => {
      const value = row[column];
      if (value === null || value === undefined) return '—';
      return typeof value === 'number' ? formatNumber(Number(value.toPrecision(6))) : String(value);
    }),
  );
  const widths = columns.map((column, i) => Math.max(column.length, ...cells.map((row) => row[i].length)));
  const line = (values: string[]) => values.map((value, i) => value.padStart(widths[i])).join('  ');
  return [line(columns), line(widths.map((width) => '-'.repeat(width))), ...cells.map(line)].join('\n') + '\n';
}
