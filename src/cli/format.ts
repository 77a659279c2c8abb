/** Output formats of the command-line lab: JSON, CSV and aligned text tables. */

export type Row = Record<string, string | number | null | undefined>;

function csvCell(value: Row[string]): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'number' ? formatNumber(value) : value;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return Number(value.toPrecision(8)).toString();
}

export function toCsv(rows: Row[]): string {
  if (rows.length === 0) return '';
  const columns = Object.keys(rows[0]);
  const lines = [columns.join(','), ...rows.map((row) => columns.map((column) => csvCell(row[column])).join(','))];
  return lines.join('\n') + '\n';
}

export function toTable(rows: Row[]): string {
  if (rows.length === 0) return '';
  const columns = Object.keys(rows[0]);
  const cells = rows.map((row) =>
    columns.map((column) => {
      const value = row[column];
      if (value === null || value === undefined) return '—';
      return typeof value === 'number' ? formatNumber(Number(value.toPrecision(6))) : value;
    }),
  );
  const widths = columns.map((column, i) => Math.max(column.length, ...cells.map((row) => row[i].length)));
  const line = (values: string[]) => values.map((value, i) => value.padStart(widths[i])).join('  ');
  return [line(columns), line(widths.map((width) => '-'.repeat(width))), ...cells.map(line)].join('\n') + '\n';
}
