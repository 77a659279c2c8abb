/**
 * Point caps for streaming charts. Pure: no DOM.
 */

export type NumericArray = ArrayLike<number>;

export interface XYArrays {
  x: number[];
  y: number[];
}

/**
 * Min–max decimation: split the index range into `buckets` equal slices and keep, per slice, the
 * points with the smallest and the largest y (in index order), plus the first and last point.
 * Spikes survive (a loss blow-up stays visible), at most 2·buckets + 2 points come out.
 * Non-finite y values are kept as gaps only if they are the bucket's first point.
 */
export function minMaxDecimate(xs: NumericArray, ys: NumericArray, buckets: number, keep?: (y: number) => boolean): XYArrays {
  const n = Math.min(xs.length, ys.length);
  const ok = keep ?? Number.isFinite;
  const out: XYArrays = { x: [], y: [] };
  if (n === 0) return out;
  const b = Math.max(1, Math.floor(buckets));
  if (n <= 2 * b + 2) {
    for (let i = 0; i < n; i++) {
      out.x.push(xs[i]);
      out.y.push(ys[i]);
    }
    return out;
  }
  const push = (i: number) => {
    out.x.push(xs[i]);
    out.y.push(ys[i]);
  };
  push(0);
  const size = (n - 2) / b;
  for (let k = 0; k < b; k++) {
    const start = 1 + Math.floor(k * size);
    const end = Math.min(n - 1, 1 + Math.floor((k + 1) * size));
    let iMin = -1;
    let iMax = -1;
    for (let i = start; i < end; i++) {
      const v = ys[i];
      if (!ok(v)) continue;
      if (iMin < 0 || v < ys[iMin]) iMin = i;
      if (iMax < 0 || v > ys[iMax]) iMax = i;
    }
    if (iMin < 0) continue;
    if (iMin === iMax) push(iMin);
    else if (iMin < iMax) {
      push(iMin);
      push(iMax);
    } else {
      push(iMax);
      push(iMin);
    }
  }
  push(n - 1);
  return out;
}

/**
 * Keep at most `max` items of a trace: the most recent `max/2` in full, the older ones at an even
 * stride. Order is preserved and the last item (the current state) is always kept.
 */
export function capTrace<T>(items: readonly T[], max: number): T[] {
  const n = items.length;
  if (n <= max) return items.slice();
  const recent = Math.max(1, Math.floor(max / 2));
  const olderBudget = Math.max(1, max - recent);
  const olderCount = n - recent;
  const stride = olderCount / olderBudget;
  const out: T[] = [];
  for (let k = 0; k < olderBudget; k++) out.push(items[Math.floor(k * stride)]);
  for (let i = olderCount; i < n; i++) out.push(items[i]);
  return out;
}
