import { describe, expect, it } from 'vitest';
import { columnsOf, csvField, rowsToCsv } from '../../../src/format/csv';
import { toCsv } from '../../../src/cli/format';

describe('CSV serialisation (RFC 4180)', () => {
  it('quotes fields holding commas, quotes or line breaks and doubles inner quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
  });

  it('writes empty cells for null/undefined and names non-finite numbers', () => {
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(NaN)).toBe('NaN');
    expect(csvField(Infinity)).toBe('Infinity');
    expect(csvField(-Infinity)).toBe('-Infinity');
    expect(csvField(0.1 + 0.2)).toBe(String(0.1 + 0.2)); // full precision, no rounding
  });

  it('uses the union of keys in first-seen order as the header, CRLF line ends', () => {
    const rows = [
      { step: 1, train: 0.5 },
      { step: 2, test: 0.7, train: 0.4 },
    ];
    expect(columnsOf(rows)).toEqual(['step', 'train', 'test']);
    expect(rowsToCsv(rows)).toBe('step,train,test\r\n1,0.5,\r\n2,0.4,0.7\r\n');
  });

  it('round-trips through a minimal CSV parser', () => {
    const rows = [
      { label: 'γ, "up"', value: -1.5e-7 },
      { label: 'line\nbreak', value: 3 },
    ];
    const parsed = parseCsv(rowsToCsv(rows));
    expect(parsed[0]).toEqual(['label', 'value']);
    expect(parsed[1]).toEqual(['γ, "up"', '-1.5e-7']);
    expect(parsed[2]).toEqual(['line\nbreak', '3']);
  });
});

describe('one CSV writer for the charts and the CLI', () => {
  it('writes nothing at all for no rows and no columns, a header for explicit columns', () => {
    expect(rowsToCsv([])).toBe('');
    expect(rowsToCsv([], { columns: ['a', 'b'] })).toBe('a,b\r\n');
  });

  it('the CLI writes the same CSV, with numbers rounded to 8 significant digits', () => {
    const rows = [
      { gamma: 0.1 + 0.2, label: 'a,b' },
      { gamma: 1 / 3, extra: NaN },
    ];
    expect(toCsv(rows)).toBe('gamma,label,extra\r\n0.3,"a,b",\r\n0.33333333,,NaN\r\n');
    expect(rowsToCsv(rows)).toBe(`gamma,label,extra\r\n${String(0.1 + 0.2)},"a,b",\r\n${String(1 / 3)},,NaN\r\n`);
  });
});

/** RFC 4180 reader, just enough to check the writer */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}
