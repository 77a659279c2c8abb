/**
 * Issue 12, unbounded job fields: the shared budget (src/budget) refuses sizes whose product is
 * too large, names the limit, and gives the largest value that fits — checked here against the
 * limits' own definitions evaluated by brute force, and on the form values the audit used.
 */
import { describe, it, expect } from 'vitest';
import { BUDGET_LIMITS, budgetProblem, checkWorkload, largestAllowed, netSize, type Workload } from '../../../src/budget';
import { workloadOf } from '../../../src/budget/jobs';
import { jobProblem } from '../../../src/worker/jobs/budget';
import { sweepsBudgetProblems } from '../../../src/panels/sweeps/budget';
import { escapeBudgetProblems } from '../../../src/panels/escape/budget';
import { DEFAULT_SWEEPS_SETTINGS } from '../../../src/state/sweeps';
import { ESCAPE_PRESET_SETTINGS } from '../../../src/state/escape';
import { TRAP_PRESETS } from '../../../src/panels/escape/presets';
import { diagramJob, etaMapJob, hysteresisJob, cascadeJob } from '../../../src/panels/sweeps/jobs';
import { langevinJob } from '../../../src/panels/escape/presets';

const limit = (key: string) => BUDGET_LIMITS.find((l) => l.key === key)!.max;

describe('budget core', () => {
  it('netSize counts the weights and units of a bias-free net', () => {
    // 5 → 4 → 4 → 1: 20 + 16 + 4 weights; 4 + 4 + 1 units
    expect(netSize({ inputDim: 5, outputDim: 1, hiddenWidths: [4, 4] })).toEqual({ parameters: 40, units: 9 });
    expect(netSize({ inputDim: 3, outputDim: 2, hiddenWidths: [] })).toEqual({ parameters: 6, units: 2 });
  });

  it('largestAllowed equals a brute-force scan over every value', () => {
    const base: Workload = { replicas: 1, parameters: 4288, units: 129, rows: 256, samples: 256, inputs: 2, steps: 10 };
    const at = (r: number) => ({ ...base, replicas: 16 * r });
    let brute = 0;
    for (let r = 1; r <= 4096; r++) if (checkWorkload(at(r)).ok) brute = r;
    expect(largestAllowed(at, 4096)).toBe(brute);
    expect(brute).toBe(Math.min(Math.floor(limit('weights') / (16 * 4288)), Math.floor(limit('activations') / (16 * 256 * 129))));
  });

  it('non-finite and negative sizes never pass', () => {
    const w: Workload = { replicas: 1, parameters: 1, units: 1, rows: 1, samples: 1, inputs: 1, steps: 1 };
    expect(checkWorkload(w).ok).toBe(true);
    expect(checkWorkload({ ...w, replicas: NaN }).ok).toBe(false);
    expect(checkWorkload({ ...w, steps: Infinity }).ok).toBe(false);
    expect(checkWorkload({ ...w, samples: -1 }).ok).toBe(false);
    expect(budgetProblem('x', Infinity, () => w)).toMatch(/finite/);
  });
});

describe('the job forms (audit values)', () => {
  it('every default job of the app fits, so the budget blocks nothing ordinary', () => {
    expect(sweepsBudgetProblems(DEFAULT_SWEEPS_SETTINGS)).toEqual({});
    for (const job of [
      diagramJob(DEFAULT_SWEEPS_SETTINGS),
      etaMapJob(DEFAULT_SWEEPS_SETTINGS),
      hysteresisJob(DEFAULT_SWEEPS_SETTINGS, [1000]),
      cascadeJob(DEFAULT_SWEEPS_SETTINGS),
    ])
      expect(jobProblem(job)).toBeNull();
    for (const key of ['clean', 'ersoy-wiesner'] as const) {
      const settings = { preset: key, trapMode: 'trap-from' as const, controlBatch: 8, ...ESCAPE_PRESET_SETTINGS[key], replicas: 1024 };
      expect(escapeBudgetProblems(TRAP_PRESETS[key](), settings)).toEqual({});
      expect(jobProblem(langevinJob(TRAP_PRESETS[key](), settings))).toBeNull();
    }
  });

  it('phase diagram: points = 1e8 (was 5.4 GB, 7.7 s frozen) is refused at once without building the grid', () => {
    const started = performance.now();
    const problems = sweepsBudgetProblems({ ...DEFAULT_SWEEPS_SETTINGS, points: 1e8 });
    const ms = performance.now() - started;
    expect(ms).toBeLessThan(500);
    expect(problems.points).toMatch(
      /^points = 100,000,000 needs .* replicas in one batched program; the limit is 65,536 replicas: the largest points that fits is 32,768$/,
    );
  });

  it('phase diagram: width 100 000 (was 3.2 GB, stuck at 0 %) is refused with the largest width', () => {
    const problems = sweepsBudgetProblems({ ...DEFAULT_SWEEPS_SETTINGS, width: 100_000 });
    const largest = Number(/largest width that fits is ([\d,]+)/.exec(problems.width ?? '')?.[1].replace(/,/g, ''));
    // brute force over widths with the same job shapes (depths 1, 2, 3; 2 × points replicas; 256 samples; 5 → 1)
    const replicas = 2 * DEFAULT_SWEEPS_SETTINGS.points;
    const fits = (w: number) => [1, 2, 3].every((d) => checkWorkload(workloadOf({ inputDim: 5, outputDim: 1, depth: d, width: w }, replicas, 256, 20_000)).ok);
    let brute = 0;
    for (let w = 1; w <= 2000; w++) if (fits(w)) brute = w;
    expect(brute).toBeGreaterThan(4);
    expect(largest).toBe(brute);
  });

  it('escape: replicas 200 000 (was 3.3 GB) and 1e9 (was "Invalid array length") are refused', () => {
    const trap = TRAP_PRESETS.clean();
    const base = { preset: 'clean' as const, trapMode: 'trap-from' as const, controlBatch: 8, ...ESCAPE_PRESET_SETTINGS.clean };
    for (const replicas of [200_000, 1e9]) {
      const problems = escapeBudgetProblems(trap, { ...base, replicas });
      // 6 temperatures share the 65 536 replicas of one batched program
      expect(problems.replicas).toMatch(
        new RegExp(`largest replicas per T that fits is ${Math.floor(65_536 / base.temperatures.length).toLocaleString('en-US')}$`),
      );
    }
    expect(escapeBudgetProblems(trap, { ...base, steps: 1e12 }).steps).toMatch(/work .* the largest steps that fits/);
  });

  it('the worker-side check refuses the same jobs', () => {
    const job = { ...diagramJob(DEFAULT_SWEEPS_SETTINGS), width: 100_000 };
    expect(jobProblem(job)).toMatch(/phase-diagram job needs .* weights/);
  });
});
