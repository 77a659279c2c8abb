/**
 * Side-by-side panels under one shared title (e.g. the phase plane at D = 1, 2, 3). Give every panel
 * the same `gammaDomain` so their γ axes line up; `sharedGammaDomain` picks one that shows every
 * panel's thresholds.
 */
import type { ReactNode } from 'react';
import './charts.css';

export interface SmallMultiplesProps {
  title: string;
  subtitle?: ReactNode;
  /** fixed number of columns; by default as many as fit at `minColumnWidth` */
  columns?: number;
  minColumnWidth?: number;
  testId?: string;
  children: ReactNode;
}

export function SmallMultiples({ title, subtitle, columns, minColumnWidth = 320, testId, children }: SmallMultiplesProps) {
  const template = columns ? `repeat(${columns}, minmax(0, 1fr))` : `repeat(auto-fit, minmax(${minColumnWidth}px, 1fr))`;
  return (
    <section data-testid={testId} aria-label={title}>
      <h2 className="l2c-multiples-title">{title}</h2>
      {subtitle && <p className="l2c-subtitle">{subtitle}</p>}
      <div className="l2c-multiples" style={{ gridTemplateColumns: template }}>
        {children}
      </div>
    </section>
  );
}

/**
 * A γ range [0, hi] wide enough for every threshold given (γ_c, γ_sp of every panel), with head room;
 * `fallback` when there is none (D = 0 only).
 */
export function sharedGammaDomain(thresholds: Array<number | null | undefined>, headroom = 1.35, fallback = 1): [number, number] {
  const finite = thresholds.filter((t): t is number => typeof t === 'number' && Number.isFinite(t) && t > 0);
  const hi = finite.length > 0 ? Math.max(...finite) * headroom : fallback;
  return [0, Number(hi.toPrecision(2))];
}
