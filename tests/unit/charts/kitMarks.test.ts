import { createElement as h, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Band, Dots, Labels, Line, linePath, Rule, Text } from '../../../src/charts/kit/marks';
import { PlotFrame, useFrame, plotAxis } from '../../../src/charts/kit/PlotFrame';
import { makeScale } from '../../../src/charts/scales';
import { DEFAULT_THEME } from '../../../src/charts/theme';

const x = makeScale(false, [0, 10], [0, 100]);
const y = makeScale(false, [0, 1], [100, 0]);
const svg = (child: ReactElement) => renderToStaticMarkup(h('svg', null, child));
const attr = (html: string, name: string) => [...html.matchAll(new RegExp(`${name}="([^"]*)"`, 'g'))].map((m) => m[1]);

describe('marks render', () => {
  it('Line: one path, broken at non-finite values, stroke from the theme', () => {
    const html = svg(
      h(Line, {
        data: [
          [0, 0],
          [1, 0.5],
          [2, null],
          [3, Number.NaN],
          [4, 0.2],
          [5, 0.4],
        ],
        x,
        y,
        color: '#123456',
      }),
    );
    const d = attr(html, 'd')[0];
    expect(d.match(/M/g)).toHaveLength(2); // two runs: [0, 1] and [4, 5]
    expect(attr(html, 'stroke-width')[0]).toBe(String(DEFAULT_THEME.stroke));
    expect(attr(html, 'fill')[0]).toBe('none');
  });
  it('linePath skips non-positive values on a log scale', () => {
    const ly = makeScale(true, [1e-3, 1], [100, 0]);
    const d = linePath(
      [
        [0, 0.1],
        [1, 0],
        [2, -1],
        [3, 0.01],
        [4, 0.02],
      ],
      x,
      ly,
    );
    expect(d.match(/M/g)).toHaveLength(2);
  });
  it('Dots: one path with a circle per finite point; hollow ones have an outline', () => {
    const html = svg(
      h(Dots, {
        data: [
          [1, 0.1],
          [2, 0.2],
          [Number.NaN, 0.3],
        ],
        x,
        y,
        color: '#f00',
      }),
    );
    expect(attr(html, 'd')[0].match(/M/g)).toHaveLength(2);
    const hollow = svg(h(Dots, { data: [[1, 0.1]], x, y, color: '#f00', glyph: 'hollow' }));
    expect(attr(hollow, 'stroke')[0]).toBe('#f00');
  });
  it('Rule: a vertical line at the value with its label; nothing off a log scale', () => {
    const html = svg(h(Rule, { orient: 'v', at: 5, scale: x, span: [0, 100], color: '#0a0', label: 'γc' }));
    expect(attr(html, 'x1')[0]).toBe('50');
    expect(html).toContain('γc');
    expect(svg(h(Rule, { orient: 'v', at: 0, scale: makeScale(true, [1, 10], [0, 100]), span: [0, 100], color: '#0a0' }))).toBe('<svg></svg>');
  });
  it('Band: a clipped interval, and an area between two curves', () => {
    const html = svg(h(Band, { x, color: '#00f', interval: { x0: -5, x1: 2, height: 100 } }));
    expect(attr(html, 'x')[0]).toBe('0');
    expect(attr(html, 'width')[0]).toBe('20');
    const between = svg(
      h(Band, {
        x,
        color: '#00f',
        between: {
          y,
          data: [
            [0, 0, 1],
            [10, 0.5, 1],
          ],
        },
      }),
    );
    expect(attr(between, 'd')[0]).toMatch(/^M0,0L100,0L100,50L0,100Z$/);
  });
  it('Text has a white halo; Labels at one anchor are drawn apart', () => {
    expect(attr(svg(h(Text, { x: 1, y: 2, children: 'hi' })), 'stroke')[0]).toBe('#ffffff');
    const html = svg(h(Labels, { labels: ['B = 0.1', 'B = 0.2', 'B = 0.3'].map((text) => ({ text, color: '#000', anchor: { x: 50, y: 50 } })) }));
    const ys = attr(html, 'y').map(Number);
    expect(new Set(ys).size).toBe(3);
  });
  it('PlotFrame: an svg with role, label, legend, axes, a clip path and the children', () => {
    function Chart() {
      const frame = useFrame({ height: 300, legend: [{ label: 'train', color: '#000', glyph: 'line' }] });
      const ax = plotAxis({ domain: [0, 10], label: 'step t' }, [0, frame.plotW]);
      const ay = plotAxis({ domain: [0, 1], label: 'loss' }, [frame.plotH, 0]);
      return h(PlotFrame, { frame, ariaLabel: 'a chart', x: ax, y: ay }, h('g', { clipPath: frame.clip, 'data-child': 'yes' }));
    }
    const html = renderToStaticMarkup(h(Chart));
    expect(html).toContain('role="img"');
    expect(html).toContain('aria-label="a chart"');
    expect(html).toContain('data-chart-svg');
    const clip = /<clipPath id="([^"]+)"/.exec(html)![1];
    expect(html).toContain(`clip-path="url(#${clip})"`);
    expect(html).toContain('>train<');
    expect(html).toContain('>step t<');
    expect(html).toContain('>loss<');
  });
});
