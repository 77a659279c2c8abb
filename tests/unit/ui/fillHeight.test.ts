import { describe, expect, it } from 'vitest';
import { chartFillHeight, fillHeight } from '../../../src/ui/useFillHeight';

describe('fillHeight', () => {
  it('is what is left of the screen below the element, less the gap, clamped', () => {
    expect(fillHeight(720, 200, 100, 1000, 12)).toBe(508);
    expect(fillHeight(720, 650, 100, 1000, 12)).toBe(100); // never below min
    expect(fillHeight(2000, 0, 100, 900, 12)).toBe(900); // never above max
  });
});

describe('chartFillHeight', () => {
  it('gives the SVG the room left once the card chrome (card height minus SVG height) is taken off', () => {
    // a card at y = 140 whose title, subtitle and legend take 180 px: the SVG gets 720 − 140 − 180 − 12
    expect(chartFillHeight(720, 140, 520, 340, 200, 900, 12)).toBe(388);
  });
  it('is a fixed point: re-measuring with the height it returned gives the same height', () => {
    const first = chartFillHeight(720, 140, 520, 340, 200, 900, 12);
    const card = 180 + first;
    expect(chartFillHeight(720, 140, card, first, 200, 900, 12)).toBe(first);
  });
  it('counts the whole card as chrome before the chart is drawn (no SVG yet)', () => {
    expect(chartFillHeight(720, 140, 90, 0, 200, 900, 12)).toBe(478);
  });
});
