/** The γ grid every theory curve and every sweep job is evaluated on. */

/**
 * `count` values from `start` to `end` (both included; at least 2), evenly spaced, or crowded
 * towards `end` when `crowdEnd` (spacing shrinking linearly to 0 there, for a curve that steepens
 * at the end of its domain).
 */
export function gammaGrid(start: number, end: number, count: number, crowdEnd = false): number[] {
  const n = Math.max(2, Math.round(count));
  return Array.from({ length: n }, (_, i) => {
    if (!crowdEnd) return start + ((end - start) * i) / (n - 1);
    const s = i / (n - 1);
    return start + (end - start) * (1 - (1 - s) * (1 - s));
  });
}
