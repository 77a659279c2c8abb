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
