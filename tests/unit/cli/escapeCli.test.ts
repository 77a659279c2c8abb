/**
 * `lab escape` contract (issue 10): --noise langevin|sgd, --batch, --start-fraction; the JSON carries
 * fit.ci95, fitWithPrefactor.kCi95 and every run's escapeTimes with null for censored replicas.
 */
import { describe, expect, it } from 'vitest';
import { escapeCommand } from '../../../src/cli/escapeCommand';

describe('lab escape --json', () => {
  it('Langevin: censored ML fits with bootstrap intervals; censored replicas kept as null', async () => {
    const out = JSON.parse(
      await escapeCommand([
        '--depth',
        '2',
        '--spectrum',
        '1',
        '--gamma',
        '0.25',
        '--temperatures',
        '0.01,0.006,0.004,0.0015',
        '--replicas',
        '16',
        '--steps',
        '3000',
        '--lr',
        '0.1',
        '--check-every',
        '20',
        '--bootstrap',
        '50',
        '--json',
      ]),
    );
    expect(out.noise.kind).toBe('langevin');
    expect(out.fit.ci95).toHaveLength(2);
    expect(out.fit.ci95[0]).toBeLessThan(out.fit.ci95[1]);
    expect(out.fitWithPrefactor.kCi95).toHaveLength(2);
    expect(out.runs).toHaveLength(4);
    for (const run of out.runs) expect(run.escapeTimes).toHaveLength(16);
    // the coldest temperature (B/T ≈ 10.6, τ ≫ 3 000 steps) keeps censored replicas as null
    expect(out.runs[3].escapeTimes.some((t: number | null) => t === null)).toBe(true);
    expect(out.transit.source).toBe('estimated');
    expect(Array.isArray(out.warnings)).toBe(true);
  }, 120_000);

  it('SGD from half the saddle: no escape, no fit, and the trap start is reported', async () => {
    const out = JSON.parse(
      await escapeCommand([
        '--depth',
        '2',
        '--spectrum',
        '0.9,0.8',
        '--gamma',
        '0.25',
        '--noise',
        'sgd',
        '--batch',
        '1',
        '--start-fraction',
        '0.5',
        '--replicas',
        '16',
        '--steps',
        '1000',
        '--lr',
        '0.05',
        '--width',
        '4',
        '--json',
      ]),
    );
    expect(out.noise).toEqual({ kind: 'sgd', batch: 1, lrOverBatch: 0.05 });
    expect(out.trappedStart).toBeCloseTo(0.5 * out.saddle, 12);
    expect(out.runs[0].escapeTimes.every((t: number | null) => t === null)).toBe(true);
    expect(out.fit).toBeNull();
  }, 120_000);

  it('rejects --batch without --noise sgd', async () => {
    await expect(escapeCommand(['--depth', '2', '--gamma', '0.25', '--temperatures', '0.01', '--batch', '2'])).rejects.toThrow(/--batch/);
  });
});
