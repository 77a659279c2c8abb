import { describe, expect, it } from 'vitest';
import { DecimatingBuffer } from '../../../src/state/decimatingBuffer';

describe('DecimatingBuffer', () => {
  it('stays bounded over 10^6 pushes and keeps the first and the latest point', () => {
    const capacity = 2000;
    const buffer = new DecimatingBuffer<number>(capacity);
    let maxSize = 0;
    for (let i = 0; i < 1_000_000; i++) {
      buffer.push(i);
      if (buffer.size > maxSize) maxSize = buffer.size;
    }
    expect(maxSize).toBeLessThan(capacity);
    const points = buffer.toArray();
    expect(points.length).toBeLessThanOrEqual(capacity + 1);
    expect(points[0]).toBe(0);
    expect(points[points.length - 1]).toBe(999_999);
    expect(buffer.totalPushed).toBe(1_000_000);
  });

  it('keeps points in order and evenly spread (stride doubles when full)', () => {
    const buffer = new DecimatingBuffer<number>(16);
    for (let i = 0; i < 1000; i++) buffer.push(i);
    const points = buffer.toArray();
    for (let i = 1; i < points.length; i++) expect(points[i]).toBeGreaterThan(points[i - 1]);
    // all gaps but the last (to the latest point) equal the current stride
    const gaps = points.slice(1, -1).map((p, i) => p - points[i]);
    expect(new Set(gaps)).toEqual(new Set([buffer.currentStride]));
    // the kept points cover the whole history, not only its start
    expect(points[points.length - 2]).toBeGreaterThan(1000 - 2 * buffer.currentStride);
  });

  it('keeps everything while under capacity and clears', () => {
    const buffer = new DecimatingBuffer<string>(8);
    ['a', 'b', 'c'].forEach((s) => buffer.push(s));
    expect(buffer.toArray()).toEqual(['a', 'b', 'c']);
    buffer.clear();
    expect(buffer.toArray()).toEqual([]);
    expect(buffer.last()).toBeUndefined();
  });
});
