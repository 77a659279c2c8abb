import { describe, expect, it } from 'vitest';
import { rowsToJson, safeFilename, standaloneSvg, styleDeclaration } from '../../../src/charts/serialize';

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
    expect(
      styleDeclaration([
        ['fill', 'red'],
        ['stroke', ''],
        ['font-family', 'a;b'],
      ]),
    ).toBe('fill:red;font-family:a,b');
  });
});

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
