/**
 * "about 4 s left": the remaining time of a running job, extrapolated from its progress so far
 * (elapsed · (1 − f) / f). Nothing until the job has run long enough to say (5 % or 0.3 s).
 */
import { useRef } from 'react';

export function timeLeftText(elapsedMs: number, fraction: number): string {
  if (!(fraction >= 0.05) || elapsedMs < 300 || fraction >= 1) return '';
  const seconds = (elapsedMs * (1 - fraction)) / fraction / 1000;
  if (seconds < 1) return 'less than a second left';
  if (seconds < 90) return `about ${Math.round(seconds)} s left`;
  return `about ${Math.round(seconds / 60)} min left`;
}

export function useTimeLeft(running: boolean, fraction: number): string {
  const startedAt = useRef<number | null>(null);
  if (!running) {
    startedAt.current = null;
    return '';
  }
  startedAt.current ??= Date.now();
  return timeLeftText(Date.now() - startedAt.current, fraction);
}
