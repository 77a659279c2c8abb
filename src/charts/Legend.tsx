/**
 * An in-SVG legend (so it survives SVG/PNG export): one row of swatches that wraps to the width; an
 * entry too long for the width wraps its own text onto more lines.
 */
import { wrapText } from './kit/wrap';
import { INK } from './palette';
import { DEFAULT_SIZES, useChartTheme } from './theme';

export type LegendGlyph = 'line' | 'dashed' | 'dotted' | 'dot' | 'hollow' | 'cross' | 'ring';

export interface LegendItem {
  label: string;
  color: string;
  glyph: LegendGlyph;
}

/** swatch, gap and row height at a font size (designed at 13 px: 22, 16, 20) */
const metrics = (font: number) => ({ swatch: Math.round(font * 1.7), gap: Math.round(font * 1.2), row: Math.round(font * 1.55) });

/** rough text width for layout; no DOM measuring so the legend is stable on first paint */
const textWidth = (s: string, font: number) => s.length * font * 0.56;

export interface LegendSlot {
  x: number;
  y: number;
  /** the label's lines (more than one when the entry alone is wider than the legend) */
  lines: string[];
}

export function legendLayout(items: LegendItem[], width: number, font: number = DEFAULT_SIZES.font): LegendSlot[] {
  const { swatch, gap, row } = metrics(font);
  const textRoom = Math.max(font * 4, width - swatch - 6);
  let x = 0;
  let y = 0;
  let rowLines = 1;
  return items.map((it) => {
    const lines = textWidth(it.label, font) <= textRoom ? [it.label] : wrapText(it.label, textRoom, font, textWidth);
    const w = swatch + 6 + Math.max(...lines.map((l) => textWidth(l, font)));
    if (x > 0 && (x + w > width || lines.length > 1)) {
      x = 0;
      y += rowLines * row;
      rowLines = 1;
    }
    const at = { x, y, lines };
    rowLines = Math.max(rowLines, lines.length);
    // a wrapped entry takes its rows to itself
    x = lines.length > 1 ? width : x + w + gap;
    return at;
  });
}

export function legendHeight(items: LegendItem[], width: number, font: number = DEFAULT_SIZES.font): number {
  if (items.length === 0) return 0;
  const layout = legendLayout(items, width, font);
  const last = layout[layout.length - 1];
  const lastRow = layout.filter((s) => s.y === last.y).reduce((n, s) => Math.max(n, s.lines.length), 1);
  return last.y + lastRow * metrics(font).row;
}

export function Glyph({
  glyph,
  color,
  x,
  y,
  font = DEFAULT_SIZES.font,
  stroke = 2,
}: {
  glyph: LegendGlyph;
  color: string;
  x: number;
  y: number;
  font?: number;
  stroke?: number;
}) {
  const { swatch } = metrics(font);
  const u = font / DEFAULT_SIZES.font;
  switch (glyph) {
    case 'dot':
      return <circle cx={x + swatch / 2} cy={y} r={4.5 * u} fill={color} />;
    case 'ring':
      return <circle cx={x + swatch / 2} cy={y} r={6 * u} fill={color} stroke={INK.outline} strokeWidth={1.5} />;
    case 'hollow':
      return <circle cx={x + swatch / 2} cy={y} r={4.5 * u} fill={INK.paper} stroke={color} strokeWidth={stroke} />;
    case 'cross':
      return (
        <path d={`M${x + swatch / 2 - 5 * u},${y - 5 * u}l${10 * u},${10 * u}m0,${-10 * u}l${-10 * u},${10 * u}`} stroke={color} strokeWidth={stroke + 0.2} />
      );
    default:
      return (
        <line
          x1={x}
          x2={x + swatch}
          y1={y}
          y2={y}
          stroke={color}
          strokeWidth={stroke}
          strokeDasharray={glyph === 'dashed' ? '6 4' : glyph === 'dotted' ? '1.5 3.5' : undefined}
          strokeLinecap={glyph === 'dotted' ? 'round' : undefined}
        />
      );
  }
}

export function SvgLegend({ items, x, y, width }: { items: LegendItem[]; x: number; y: number; width: number }) {
  const theme = useChartTheme();
  const layout = legendLayout(items, width, theme.font);
  const { swatch, row } = metrics(theme.font);
  return (
    <g transform={`translate(${x},${y})`} fontSize={theme.font} fontFamily={theme.fontFamily}>
      {items.map((it, i) => (
        <g key={it.label} transform={`translate(${layout[i].x},${layout[i].y + row / 2})`}>
          <Glyph glyph={it.glyph} color={it.color} x={0} y={0} font={theme.font} stroke={theme.stroke} />
          <text x={swatch + 6} y={0} dominantBaseline="central" fill={INK.text}>
            {layout[i].lines.length === 1
              ? it.label
              : layout[i].lines.map((line, j) => (
                  <tspan key={j} x={swatch + 6} dy={j === 0 ? 0 : row}>
                    {line}
                  </tspan>
                ))}
          </text>
        </g>
      ))}
    </g>
  );
}
