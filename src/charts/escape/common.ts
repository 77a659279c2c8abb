/** Shared bits of the escape charts: temperature colours (hot → cold) and number formatting. */
import { OKABE_ITO } from '../palette';

const HOT_TO_COLD = [OKABE_ITO.vermillion, OKABE_ITO.orange, OKABE_ITO.green, OKABE_ITO.skyBlue, OKABE_ITO.blue, OKABE_ITO.purple, OKABE_ITO.black];

export const temperatureColor = (i: number): string => HOT_TO_COLD[i % HOT_TO_COLD.length];

/** 0.0025 → "0.0025", 3.2e-5 → "3.2e-5": short and exact enough for a legend */
export function fmtT(T: number): string {
  return T >= 1e-3 ? String(Number(T.toPrecision(3))) : T.toExponential(1).replace('e-', 'e−');
}

export function fmtNum(v: number | null | undefined, digits = 3): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e5)) return v.toExponential(digits - 1).replace('-', '−');
  return Number(v.toPrecision(digits)).toString().replace('-', '−');
}
