/**
 * Scale helpers shared by the charts (pure apart from d3-scale).
 */
import { scaleLinear, scaleLog, type ScaleContinuousNumeric } from 'd3';

export type NumScale = ScaleContinuousNumeric<number, number>;

export function makeScale(log: boolean, domain: [number, number], range: [number, number]): NumScale {
  return log ? scaleLog().domain(domain).range(range).clamp(true) : scaleLinear().domain(domain).range(range);
}

/** decade ticks for a log domain (every other decade when there are many) */
export function decadeTicks(domain: [number, number], max = 7): number[] {
  const lo = Math.ceil(Math.log10(domain[0]) - 1e-9);
  const hi = Math.floor(Math.log10(domain[1]) + 1e-9);
  const all: number[] = [];
  for (let e = lo; e <= hi; e++) all.push(Math.pow(10, e));
  if (all.length <= max) return all;
  const stride = Math.ceil(all.length / max);
  return all.filter((_, i) => (hi - (lo + i)) % stride === 0);
}

/**
 * Tick values for a log axis that never crowd: decades when the domain spans two or more, else the
 * 1-2-5 multiples inside it, else every multiple 1…9, thinned to at most `maxCount` (a d3 log axis
 * labels every multiple: "5000 6000 7000 8000 9000" ran together).
 */
export function logTicks(domain: [number, number], maxCount: number): number[] {
  const [lo, hi] = domain[0] <= domain[1] ? domain : [domain[1], domain[0]];
  const limit = Math.max(2, Math.floor(maxCount));
  const decades = decadeTicks([lo, hi], limit);
  if (decades.length >= 2) return decades;
  const within = (mantissas: number[]) => {
    const out: number[] = [];
    for (let e = Math.floor(Math.log10(lo)) - 1; e <= Math.ceil(Math.log10(hi)); e++) {
      for (const m of mantissas) {
        const v = Number((m * Math.pow(10, e)).toPrecision(12));
        if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) out.push(v);
      }
    }
    return out;
  };
  const thin = (ticks: number[]) => {
    const stride = Math.ceil(ticks.length / limit);
    return ticks.filter((_, i) => i % stride === 0);
  };
  const coarse = within([1, 2, 5]);
  if (coarse.length >= 3) return thin(coarse);
  const finer = within([1, 2, 3, 5, 7]);
  if (finer.length >= 3) return thin(finer);
  return thin(within([1, 2, 3, 4, 5, 6, 7, 8, 9]));
}
