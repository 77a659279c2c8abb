import { describe, expect, it } from 'vitest';
import { DEFAULT_SWEEPS_SETTINGS, STAGE_LABELS, STAGE_ORDER, STAGES, type StageKey } from '../../../src/state/sweeps';
import { runStage, STAGE_RUNNERS, type Jobs } from '../../../src/panels/sweeps/stages';

describe('the Phase-diagrams stage registry', () => {
  it('every stage has a name, a label and a runner, in one order', () => {
    expect(STAGE_ORDER).toEqual(['diagram', 'hysteresis', 'ramp', 'eta-map', 'cascade']);
    expect(Object.keys(STAGE_RUNNERS).sort()).toEqual([...STAGE_ORDER].sort());
    for (const k of STAGE_ORDER) expect(STAGE_LABELS[k]).toBe(STAGES[k].label);
    expect(DEFAULT_SWEEPS_SETTINGS.stages).toEqual(STAGE_ORDER);
  });

  it('each runner sends its jobs and files an outcome of its own kind under its own key', async () => {
    // the worker's modes, recognisable: the diagram and cascade outcomes must carry these, not recompute them
    const workerModes = { etas: [0.123], strengths: [4.56], trivialLoss: 7.89 };
    for (const stage of STAGE_ORDER) {
      const kinds: string[] = [];
      const jobs: Jobs = {
        run: (async (job: { kind: string }) => {
          kinds.push(job.kind);
          const result = job.kind === 'phase-diagram' ? { diagrams: [], modes: workerModes } : [];
          return { runId: 1, result, seconds: 0.5, backend: 'fake' };
        }) as unknown as Jobs['run'],
        cancel: () => {},
      };
      const filed: Array<[StageKey, { kind: string }]> = [];
      const info = await runStage(
        stage,
        DEFAULT_SWEEPS_SETTINGS,
        jobs,
        () => {},
        (key, outcome) => filed.push([key, outcome]),
      );
      expect(kinds.length).toBeGreaterThan(0);
      expect(filed).toHaveLength(1);
      expect(filed[0][0]).toBe(stage);
      expect(filed[0][1].kind).toBe(stage);
      if (stage === 'diagram' || stage === 'cascade') expect((filed[0][1] as unknown as { modes: unknown }).modes).toBe(workerModes);
      expect(info.backend).toBe('fake');
      // the ramp stage runs one batch per depth and adds up their times
      expect(info.seconds).toBeCloseTo(0.5 * kinds.length);
    }
  });
});
