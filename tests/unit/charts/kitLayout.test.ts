import { describe, expect, it } from 'vitest';
import { frameLayout, tickPlan, withExtraTop } from '../../../src/charts/kit/layout';
import { overlappingPairs, placeLabels, samplePolyline, type Box, type LabelRequest, type Point } from '../../../src/charts/kit/labels';
import { DEFAULT_SIZES, makeTheme } from '../../../src/charts/theme';
import type { LegendItem } from '../../../src/charts/Legend';

const small = makeTheme(DEFAULT_SIZES);
const lecture = makeTheme({ ...DEFAULT_SIZES, font: 21, label: 22, annotation: 20 });
const legend: LegendItem[] = ['train loss', 'test loss', 'penalty γ‖θ‖²', 'total L(θ)', 'theory minimum L*'].map((label) => ({
  label,
  color: '#000',
  glyph: 'line',
}));

describe('frame layout', () => {
  it('grows every margin with the theme type size', () => {
    const a = frameLayout({ width: 600, height: 320, theme: small, legend });
    const b = frameLayout({ width: 600, height: 320, theme: lecture, legend });
    expect(b.margin.left).toBeGreaterThan(a.margin.left);
    expect(b.margin.bottom).toBeGreaterThan(a.margin.bottom);
    expect(b.margin.top).toBeGreaterThan(a.margin.top);
    expect(b.plotH).toBeLessThan(a.plotH);
    // the margins and the plot fill the chart exactly
    for (const l of [a, b]) {
      expect(l.margin.left + l.plotW + l.margin.right).toBe(600);
      expect(l.margin.top + l.plotH + l.margin.bottom).toBe(320);
    }
  });
  it('reserves a legend row per wrap: a narrow chart has a taller top margin', () => {
    const wide = frameLayout({ width: 1200, height: 320, theme: small, legend });
    const narrow = frameLayout({ width: 300, height: 320, theme: small, legend });
    expect(narrow.margin.top).toBeGreaterThan(wide.margin.top + small.font);
    expect(frameLayout({ width: 600, height: 320, theme: small }).margin.top).toBeLessThan(wide.margin.top);
  });
  it('bare mode drops the legend and the axis titles', () => {
    const full = frameLayout({ width: 600, height: 320, theme: small, legend });
    const bare = frameLayout({ width: 600, height: 320, theme: small, legend, bare: true });
    expect(bare.legendItems).toHaveLength(0);
    expect(bare.margin.top).toBeLessThan(full.margin.top);
    expect(bare.margin.left).toBeLessThan(full.margin.left - small.label);
    expect(bare.margin.bottom).toBeLessThan(full.margin.bottom - small.label);
    expect(bare.plotW).toBeGreaterThan(full.plotW);
  });
  it('puts the axis titles outside the tick labels', () => {
    const l = frameLayout({ width: 600, height: 320, theme: lecture });
    // y title left of the widest tick label (4 characters) plus the tick
    expect(-l.titles.yX).toBeGreaterThan(4 * lecture.font * 0.58 + lecture.px(12));
    expect(-l.titles.yX).toBeLessThan(l.margin.left);
    expect(l.titles.xY - l.plotH).toBeGreaterThan(lecture.font + lecture.px(12));
    expect(l.titles.xY - l.plotH).toBeLessThan(l.margin.bottom);
  });
  it('a right axis, extra room and a minimum top are reserved', () => {
    const base = frameLayout({ width: 600, height: 320, theme: small });
    expect(frameLayout({ width: 600, height: 320, theme: small, right: {} }).margin.right).toBeGreaterThan(base.margin.right + 20);
    expect(frameLayout({ width: 600, height: 320, theme: small, extraRight: 50 }).margin.right).toBe(base.margin.right + 50);
    expect(frameLayout({ width: 600, height: 320, theme: small, minTop: 90 }).margin.top).toBe(90);
    const grown = withExtraTop(base, 30);
    expect(grown.margin.top).toBe(base.margin.top + 30);
    expect(grown.plotH).toBe(base.plotH - 30);
    expect(grown.titles.xY - grown.plotH).toBeCloseTo(base.titles.xY - base.plotH);
  });
  it('plans fewer ticks at a larger type size, and log ticks that never crowd', () => {
    expect(tickPlan('x', 500, [0, 1], false, lecture).count).toBeLessThan(tickPlan('x', 500, [0, 1], false, small).count);
    const log = tickPlan('x', 300, [4000, 9500], true, small).values!;
    expect(log.length).toBeLessThanOrEqual(Math.floor(300 / (small.font * 4.5)));
  });
});

const req = (anchor: Point, width = 60, height = 16, at?: { x: number; y: number }[], slide?: LabelRequest['slide']): LabelRequest => ({
  anchor,
  width,
  height,
  at: at ?? [{ x: anchor.x + 4, y: anchor.y - height - 4 }],
  slide,
});
const covers = (b: Box, p: Point) =>
  p.x >= b.x - (p.r ?? 0) && p.x <= b.x + b.width + (p.r ?? 0) && p.y >= b.y - (p.r ?? 0) && p.y <= b.y + b.height + (p.r ?? 0);

describe('label placement', () => {
  it('spreads three labels wished at the same anchor so none overlaps another', () => {
    const anchor = { x: 100, y: 100 };
    const placed = placeLabels([req(anchor), req(anchor), req(anchor)]);
    expect(overlappingPairs(placed)).toEqual([]);
    expect(placed[0].moved).toBe(0);
    for (const p of placed) expect(covers(p, anchor)).toBe(false);
  });
  it('keeps labels off point markers, and stays inside the bounds', () => {
    const dots: Point[] = [];
    for (let x = 100; x <= 200; x += 8) dots.push({ x, y: 80, r: 4 }, { x, y: 92, r: 4 });
    const bounds = { x: 0, y: 0, width: 400, height: 300 };
    const placed = placeLabels([req({ x: 150, y: 100 }, 70, 16, [{ x: 120, y: 78 }]), req({ x: 160, y: 100 }, 70, 16, [{ x: 130, y: 78 }])], {
      points: dots,
      bounds,
    });
    expect(overlappingPairs(placed)).toEqual([]);
    for (const p of placed) {
      for (const d of dots) expect(covers(p, d), `label at ${p.x},${p.y} covers the dot ${d.x},${d.y}`).toBe(false);
      expect(p.x >= 0 && p.y >= 0 && p.x + p.width <= 400 && p.y + p.height <= 300).toBe(true);
    }
  });
  it('a rule label slides only along the rule and a far move gets a leader line', () => {
    const curve = samplePolyline(
      [
        [0, 20],
        [300, 20],
      ],
      4,
      1.5,
    );
    const placed = placeLabels([req({ x: 50, y: 0 }, 40, 14, [{ x: 53, y: 14 }], 'y')], { points: curve, bounds: { x: 0, y: 0, width: 300, height: 200 } });
    expect(placed[0].x).toBe(53);
    for (const c of curve) expect(covers(placed[0], c)).toBe(false);
    const far = placeLabels([req({ x: 50, y: 50 }, 40, 14, [{ x: 53, y: 43 }])], {
      boxes: [{ x: 0, y: 20, width: 200, height: 60 }],
      bounds: { x: 0, y: 0, width: 300, height: 200 },
    });
    expect(far[0].moved).toBeGreaterThan(14 * 1.6);
    expect(far[0].leader).not.toBeNull();
    expect(far[0].leader!.x1).toBe(50);
  });
  it('prefers the earlier wished position when both are free, the later one when the first is taken', () => {
    const at = [
      { x: 10, y: 10 },
      { x: 200, y: 10 },
    ];
    expect(placeLabels([req({ x: 0, y: 0 }, 40, 14, at, 'y')])[0].x).toBe(10);
    const blocked = placeLabels([req({ x: 0, y: 0 }, 40, 14, at, 'y')], { boxes: [{ x: 0, y: 0, width: 60, height: 200 }] });
    expect(blocked[0].x).toBe(200);
    expect(blocked[0].crowded).toBe(false);
  });
  it('is deterministic and never drops a label, even when nothing is free', () => {
    const anchor = { x: 20, y: 20 };
    const many = Array.from({ length: 12 }, () => req(anchor, 90, 16));
    const a = placeLabels(many, { bounds: { x: 0, y: 0, width: 100, height: 60 }, maxSteps: 3 });
    const b = placeLabels(many, { bounds: { x: 0, y: 0, width: 100, height: 60 }, maxSteps: 3 });
    expect(a).toEqual(b);
    expect(a).toHaveLength(12);
    expect(a.some((p) => p.crowded)).toBe(true);
  });
  it('samples a curve only inside the box it is asked for (off-scale spikes cost nothing)', () => {
    const spiky: [number, number][] = Array.from({ length: 200 }, (_, i) => [i, i % 2 ? 1e6 : -1e6]);
    const box = { x: 0, y: 0, width: 200, height: 100 };
    const inside = samplePolyline(spiky, 4, 1, box);
    for (const p of inside) expect(p.y >= -6 && p.y <= 106).toBe(true);
    const flat = samplePolyline(
      [
        [0, 50],
        [100, 50],
        [100, 500],
      ],
      4,
      1,
      box,
    );
    expect(flat.some((p) => p.x > 40 && p.x < 60)).toBe(true);
    expect(flat.every((p) => p.y <= 106)).toBe(true);
  });
});
