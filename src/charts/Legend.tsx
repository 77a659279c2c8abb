/**
 * An in-SVG legend (so it survives SVG/PNG export): one row of swatches that wraps to the width.
 */
import { TYPE } from './palette';

export type LegendGlyph = 'line' | 'dashed' | 'dotted' | 'dot' | 'hollow' | 'cross' | 'ring';

export interface LegendItem {
  label: string;
  color: string;
  glyph: LegendGlyph;
}

const SWATCH = 22;
const GAP = 16;
const ROW = 20;

/** rough text width for layout; no DOM measuring so the legend is stable on first paint */
const textWidth = (s: string) => s.length * TYPE.tick * 0.56;

export function legendLayout(items: LegendItem[], width: number): { x: number; y: number }[] {
  let x = 0;
  let y = 0;
  return items.map((it) => {
    const w = SWATCH + 6 + textWidth(it.label);
    if (x > 0 && x + w > width) {
      x = 0;
      y += ROW;
    }
    const at = { x, y };
    x += w + GAP;
    return at;
  });
}

export function legendHeight(items: LegendItem[], width: number): number {
  if (items.length === 0) return 0;
  const layout = legendLayout(items, width);
  return layout[layout.length - 1].y + ROW;
}

export function Glyph({ glyph, color, x, y }: { glyph: LegendGlyph; color: string; x: number; y: number }) {
  switch (glyph) {
    case 'dot':
      return <circle cx={x + SWATCH / 2} cy={y} r={4.5} fill={color} />;
    case 'ring':
      return <circle cx={x + SWATCH / 2} cy={y} r={6} fill={color} stroke="#000" strokeWidth={1.5} />;
    case 'hollow':
      return <circle cx={x + SWATCH / 2} cy={y} r={4.5} fill="#fff" stroke={color} strokeWidth={2} />;
    case 'cross':
      return <path d={`M${x + SWATCH / 2 - 5},${y - 5}l10,10m0,-10l-10,10`} stroke={color} strokeWidth={2.2} />;
    default:
      return (
        <line
          x1={x}
          x2={x + SWATCH}
          y1={y}
          y2={y}
          stroke={color}
          strokeWidth={2}
          strokeDasharray={glyph === 'dashed' ? '6 4' : glyph === 'dotted' ? '1.5 3.5' : undefined}
          strokeLinecap={glyph === 'dotted' ? 'round' : undefined}
        />
      );
  }
}

export function SvgLegend({ items, x, y, width }: { items: LegendItem[]; x: number; y: number; width: number }) {
  const layout = legendLayout(items, width);
  return (
    <g transform={`translate(${x},${y})`} fontSize={TYPE.tick} fontFamily={TYPE.fontFamily}>
      {items.map((it, i) => (
        <g key={it.label} transform={`translate(${layout[i].x},${layout[i].y + ROW / 2})`}>
          <Glyph glyph={it.glyph} color={it.color} x={0} y={0} />
          <text x={SWATCH + 6} y={0} dominantBaseline="central" fill="#222">
            {it.label}
          </text>
        </g>
      ))}
    </g>
  );
}
