/**
 * Pure helpers for the loss-slice heatmap: the colour domain and grid geometry. No DOM.
 */
import { finiteExtent } from './domains';

export interface ColorDomain {
  /** log colour scale when every value is positive and they span more than ~×3 */
  log: boolean;
  domain: [number, number];
}

/** colour domain of a loss grid; log scale floors at `maxDecades` under the maximum */
export function heatmapColorDomain(values: ArrayLike<number>, maxDecades = 6): ColorDomain {
  const all = finiteExtent(Array.from(values));
  if (!all) return { log: false, domain: [0, 1] };
  if (all[0] > 0 && all[1] / all[0] > 3) {
    return { log: true, domain: [Math.max(all[0], all[1] / Math.pow(10, maxDecades)), all[1]] };
  }
  if (all[0] === all[1]) return { log: false, domain: [all[0] - 0.5, all[1] + 0.5] };
  return { log: false, domain: all };
}

/** extent covered by cells centred on uniformly spaced coordinates (half a cell beyond each end) */
export function cellExtent(coords: ArrayLike<number>): [number, number] {
  const n = coords.length;
  if (n === 0) return [0, 1];
  if (n === 1) return [coords[0] - 0.5, coords[0] + 0.5];
  const step = (coords[n - 1] - coords[0]) / (n - 1);
  return [coords[0] - step / 2, coords[n - 1] + step / 2];
}

/** log-spaced (or linear) contour levels strictly inside the colour domain */
export function contourLevels(color: ColorDomain, count: number): number[] {
  const [lo, hi] = color.domain;
  const out: number[] = [];
  for (let i = 1; i <= count; i++) {
    const t = i / (count + 1);
    out.push(color.log ? lo * Math.pow(hi / lo, t) : lo + (hi - lo) * t);
  }
  return out;
}
