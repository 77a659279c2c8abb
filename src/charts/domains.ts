/**
 * Domain logic shared by the charts. Pure: no DOM.
 */

/** [min, max] of the finite values (and, for log scales, only positive ones); null if none */
export function finiteExtent(values: Iterable<number>, positiveOnly = false): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v) || (positiveOnly && !(v > 0))) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : null;
}

/** a linear domain padded by `pad` of its span; a degenerate span is widened to something visible */
export function paddedDomain(extent: [number, number] | null, pad = 0.05, fallback: [number, number] = [0, 1]): [number, number] {
  if (!extent) return fallback;
  let [lo, hi] = extent;
  if (hi - lo <= 1e-12 * Math.max(1, Math.abs(lo), Math.abs(hi))) {
    const w = Math.abs(lo) > 0 ? 0.5 * Math.abs(lo) : 0.5;
    return [lo - w, hi + w];
  }
  const span = hi - lo;
  lo -= pad * span;
  hi += pad * span;
  return [lo, hi];
}

/**
 * A log domain covering the positive extent, rounded out to whole decades, at most `maxDecades`
 * decades deep (measured down from the top), so a tiny outlier does not squash the curve.
 */
export function logDomain(extent: [number, number] | null, maxDecades = 8, fallback: [number, number] = [1e-4, 1]): [number, number] {
  if (!extent || !(extent[1] > 0)) return fallback;
  const hi = Math.pow(10, Math.ceil(Math.log10(extent[1]) - 1e-9));
  let lo = Math.pow(10, Math.floor(Math.log10(Math.max(extent[0], Number.MIN_VALUE)) + 1e-9));
  if (lo >= hi) lo = hi / 10;
  lo = Math.max(lo, hi / Math.pow(10, maxDecades));
  return [lo, hi];
}

/**
 * Landscape y-range: the levels that matter (origin 0, minima, saddles) must be inside, with head
 * room above the highest and a floor under the lowest. `minSpan` keeps a flat landscape from being
 * blown up into noise.
 */
export function landscapeYDomain(levels: number[], minSpan: number): [number, number] {
  const ext = finiteExtent([0, ...levels]) ?? [0, 0];
  let [lo, hi] = ext;
  const span = Math.max(hi - lo, minSpan);
  const mid = (lo + hi) / 2;
  if (hi - lo < minSpan) {
    lo = mid - span / 2;
    hi = mid + span / 2;
  }
  return [lo - 0.18 * span, hi + 0.4 * span];
}
