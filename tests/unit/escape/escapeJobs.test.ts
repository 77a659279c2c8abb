/**
 * The escape lab's jobs, run in Node through the jobs-worker registry (wasm, seeded).
 * Clean preset: D = 2, width 1, η = 1 (whitened, noise-free), γ = 0.25 (B = 0.015881), lr 0.1,
 * here 3 temperatures × 64 replicas and 20 000 steps to stay fast.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../src/engine/backends';
import { runners } from '../../../src/worker/jobs/registry';
import { TRAP_PRESETS, controlJob, langevinJob } from '../../../src/panels/escape/presets';
import { ESCAPE_PRESET_SETTINGS, type EscapeLabSettings } from '../../../src/state/escape';
import { spinodalGamma } from '../../../src/physics';

beforeAll(async () => {
  await initBackend('wasm');
});

const settings = (patch: Partial<EscapeLabSettings>): EscapeLabSettings => ({
  preset: 'clean',
  trapMode: 'by-hand',
  controlBatch: 8,
  ...ESCAPE_PRESET_SETTINGS.clean,
  replicas: 64,
  ...patch,
});

describe('trap presets', () => {
  it('every preset sits below the trapped feature’s equal-loss point (escape lowers the loss) and traps from above its spinodal', () => {
    for (const make of Object.values(TRAP_PRESETS)) {
      const trap = make();
      expect(trap.gamma).toBeLessThan(trap.theory.gammaC);
      expect(trap.trapGamma).toBeGreaterThan(trap.theory.gammaSp);
      expect(trap.theory.saddle).toBeLessThan(trap.theory.threshold);
      expect(trap.theory.threshold).toBeLessThan(trap.theory.learned);
      expect(trap.theory.barrier).toBeGreaterThan(0);
    }
    const ew = TRAP_PRESETS['ersoy-wiesner']();
    // the strong feature must survive the trap γ, or the trap is rank 0, not rank 1
    const strongSpinodal = spinodalGamma(2, ew.theory.sampleEta[0], ew.theory.strengths[0]) as number;
    expect(ew.trapGamma).toBeLessThan(strongSpinodal);
  });
});

describe('escape-trace job', () => {
  it('records replica snapshots, escapes faster when hotter, and a trap-from start works too', async () => {
    const trap = TRAP_PRESETS.clean();
    for (const trapMode of ['by-hand', 'trap-from'] as const) {
      const job = langevinJob(trap, settings({ temperatures: [0.02, 0.006, 0.003], steps: 20_000, trapMode }));
      const out = await runners['escape-trace'](job, () => {});
      expect(out.runs.map((r) => r.T)).toEqual([0.02, 0.006, 0.003]);
      expect(out.runs.every((r) => r.escapeTimes.length === 64)).toBe(true);
      const medians = out.runs.map((r) => r.median ?? Infinity);
      expect(medians[0]).toBeLessThan(medians[1]);
      expect(medians[1]).toBeLessThan(medians[2]);
      expect(out.trapSteps).toBe(trapMode === 'trap-from' ? trap.trapSteps : 0);
      expect(out.frames.length).toBeGreaterThan(5);
      expect(out.frames.every((f) => f.p.length === 192)).toBe(true);
      for (let i = 1; i < out.frames.length; i++) expect(out.frames[i].step).toBeGreaterThan(out.frames[i - 1].step);
      // the last snapshot agrees with the escape record: escaped replicas are past the threshold… mostly
      const last = out.frames[out.frames.length - 1];
      const beyond = last.p.filter((p) => p > trap.theory.threshold).length;
      const escaped = out.runs.reduce((s, r) => s + r.escapeTimes.length - r.censored, 0);
      expect(Math.abs(beyond - escaped)).toBeLessThanOrEqual(3); // a replica may hop back at high T
    }
  }, 30_000);

  it('negative control: minibatch SGD from the exact Ersoy–Wiesner rank-1 trap never raises the rank', async () => {
    const trap = TRAP_PRESETS['ersoy-wiesner']();
    const job = { ...controlJob(trap, settings({ preset: 'ersoy-wiesner', ...ESCAPE_PRESET_SETTINGS['ersoy-wiesner'], replicas: 64 })), steps: 3000 };
    expect(job.noise).toEqual({ kind: 'sgd', batchSize: 8 });
    const out = await runners['escape-trace'](job, () => {});
    expect(out.runs[0].censored).toBe(64);
    expect(Math.max(...out.frames[out.frames.length - 1].p)).toBeLessThan(1e-6);
  }, 30_000);
});
