import { describe, expect, it } from 'vitest';
import { columnsOf, csvField, rowsToCsv, rowsToJson, safeFilename, standaloneSvg, styleDeclaration } from '../../../src/charts/serialize';

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
    const rows = [{ step: 1, train: 0.5 }, { step: 2, test: 0.7, train: 0.4 }];
    expect(columnsOf(rows)).toEqual(['step', 'train', 'test']);
    expect(rowsToCsv(rows)).toBe('step,train,test\r\n1,0.5,\r\n2,0.4,0.7\r\n');
  });

  it('round-trips through a minimal CSV parser', () => {
    const rows = [{ label: 'γ, "up"', value: -1.5e-7 }, { label: 'line\nbreak', value: 3 }];
    const parsed = parseCsv(rowsToCsv(rows));
    expect(parsed[0]).toEqual(['label', 'value']);
    expect(parsed[1]).toEqual(['γ, "up"', '-1.5e-7']);
    expect(parsed[2]).toEqual(['line\nbreak', '3']);
  });
});

describe('JSON export', () => {
  it('keeps meta fields and writes non-finite numbers as strings', () => {
    const parsed = JSON.parse(rowsToJson([{ a: NaN, b: 1 }], { depth: 2 }));
    expect(parsed.depth).toBe(2);
    expect(parsed.rows).toEqual([{ a: 'NaN', b: 1 }]);
  });
});

describe('file names and SVG documents', () => {
  it('turns a chart title into a safe ASCII file name', () => {
    expect(safeFilename('Phase plane: order parameter vs γ')).toBe('phase-plane-order-parameter-vs-gamma');
    expect(safeFilename('ℓ(p)!!')).toMatch(/^[a-z0-9-]*$/);
    expect(safeFilename('***')).toBe('chart');
  });

  it('adds the SVG namespace (and xlink when used) once', () => {
    const doc = standaloneSvg('<svg width="10"><use xlink:href="#a"/></svg>');
    expect(doc.startsWith('<?xml')).toBe(true);
    expect(doc.match(/xmlns="http:\/\/www.w3.org\/2000\/svg"/g)?.length).toBe(1);
    expect(doc).toContain('xmlns:xlink=');
    const already = standaloneSvg('<svg xmlns="http://www.w3.org/2000/svg"></svg>');
    expect(already.match(/xmlns=/g)?.length).toBe(1);
  });

  it('builds style declarations, skipping empty values', () => {
    expect(styleDeclaration([['fill', 'red'], ['stroke', ''], ['font-family', 'a;b']])).toBe('fill:red;font-family:a,b');
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

describe('export names and captions', () => {
  it('gives short file names from the title before its colon', async () => {
    const { shortFilename } = await import('../../../src/charts/serialize');
    expect(shortFilename('Phase plane, D = 2: order parameter p vs γ (live trace: orange γ↑, blue γ↓)')).toBe('l2lab-phase-plane-d-2');
    expect(shortFilename('Landscape per feature at γ = 0.2000, D = 2')).toBe('l2lab-landscape-per-feature-at');
    expect(shortFilename('***')).toBe('l2lab-chart');
    expect(shortFilename('Loss vs optimizer step').length).toBeLessThanOrEqual(30);
  });
  it('wraps caption text at word boundaries', async () => {
    const { wrapText } = await import('../../../src/charts/serialize');
    expect(wrapText('a bb ccc dddd', 6)).toEqual(['a bb', 'ccc', 'dddd']);
    expect(wrapText('averyveryverylongword x', 5)).toEqual(['avery', 'veryv', 'erylo', 'ngwor', 'd x']);
    const link = 'Lab · http://h/?v=1&depth=2&gamma=0.2';
    const lines = wrapText(link, 16);
    expect(lines.every((l) => l.length <= 16)).toBe(true);
    expect(lines.join('').replace(/ /g, '')).toBe(link.replace(/ /g, ''));
    expect(lines.slice(0, -1).every((l) => /[?&]$/.test(l))).toBe(true); // breaks after ? and &
    expect(wrapText('  ', 10)).toEqual([]);
  });
});
