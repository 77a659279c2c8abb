/**
 * Benchmark: the app's default jobs in Node, run through the jobs-worker registry exactly as the
 * browser's jobs worker runs them (one worker, no splitting), on the fused kernels ('auto') and on
 * the op-by-op tfjs path (wasm backend): wall and CPU seconds of each, and their ratio.
 *   - each Phase-diagrams stage at its default settings (phase diagram, hysteresis loop, loop area
 *     vs ramp rate at the chosen depth and at D = 1, γ × η map, feature cascade);
 *   - the Escape tab's default Langevin job (clean preset), with the steps capped at ESCAPE_STEPS
 *     for both kernels so the tfjs run ends in reasonable time (the output says so).
 *   npm run bench:jobs [-- --json]
 */
import os from 'node:os';
import { initBackend } from '../../src/engine/backends';
import { createTrainer } from '../../src/engine';
import type { KernelChoice } from '../../src/engine/fused/kernel';
import { makeRunners } from '../../src/worker/jobs/registry';
import type { Job, JobResults } from '../../src/worker/jobs/protocol';
import { cascadeJob, diagramJob, etaMapJob, hysteresisJob } from '../../src/panels/sweeps/jobs';
import { DEFAULT_SWEEPS_SETTINGS } from '../../src/state/sweeps';
import { TRAP_PRESETS, langevinJob } from '../../src/panels/escape/presets';
import { ESCAPE_PRESET_SETTINGS } from '../../src/state/escape';

const json = process.argv.includes('--json');
const ESCAPE_STEPS = 4000;

const s = DEFAULT_SWEEPS_SETTINGS;
const escapeSettings = { preset: 'clean' as const, trapMode: 'by-hand' as const, controlBatch: 8, ...ESCAPE_PRESET_SETTINGS.clean };
const jobs: Array<{ name: string; job: Job }> = [
  { name: 'Phase diagrams: phase diagram (γ × depth × 2 starts)', job: diagramJob(s) },
  { name: 'Phase diagrams: hysteresis loop (quasi-static)', job: hysteresisJob(s, [s.hysteresisSteps]) },
  { name: `Phase diagrams: loop area vs ramp rate, D = ${s.hysteresisDepth}`, job: hysteresisJob(s, s.rampSteps) },
  { name: 'Phase diagrams: loop area vs ramp rate, D = 1', job: hysteresisJob(s, s.rampSteps, 1) },
  { name: 'Phase diagrams: γ × η map', job: etaMapJob(s) },
  { name: 'Phase diagrams: feature cascade', job: cascadeJob(s) },
  {
    name: `Escape: default Langevin job (${escapeSettings.temperatures.length} T × ${escapeSettings.replicas} replicas, steps capped at ${ESCAPE_STEPS} of ${escapeSettings.steps})`,
    job: { ...langevinJob(TRAP_PRESETS.clean(), escapeSettings), steps: ESCAPE_STEPS },
  },
];

interface Timing {
  wall: number;
  cpu: number;
}

async function timed(job: Job, kernel: KernelChoice): Promise<Timing> {
  const runners = makeRunners((config) => createTrainer({ ...config, kernel }));
  const run = runners[job.kind] as unknown as (j: Job, p: (f: number) => void) => Promise<JobResults[Job['kind']]>;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await run(job, () => {});
  const cpu = process.cpuUsage(cpu0);
  return { wall: (performance.now() - t0) / 1000, cpu: (cpu.user + cpu.system) / 1e6 };
}

async function main(): Promise<void> {
  await initBackend('wasm');
  const loadBefore = os.loadavg();
  const rows: Array<{ job: string; fused: Timing; tfjs: Timing; cpuRatio: number; wallRatio: number }> = [];
  for (const { name, job } of jobs) {
    const fused = await timed(job, 'auto');
    const tfjs = await timed(job, 'tfjs');
    rows.push({ job: name, fused, tfjs, cpuRatio: tfjs.cpu / fused.cpu, wallRatio: tfjs.wall / fused.wall });
    process.stderr.write(
      `  ${name}: fused ${fused.wall.toFixed(2)} s wall / ${fused.cpu.toFixed(2)} s CPU; tfjs ${tfjs.wall.toFixed(2)} s / ${tfjs.cpu.toFixed(2)} s CPU\n`,
    );
  }
  const total = (k: 'fused' | 'tfjs', f: keyof Timing) => rows.filter((r) => r.job.startsWith('Phase')).reduce((a, r) => a + r[k][f], 0);
  const tab = { fusedWall: total('fused', 'wall'), fusedCpu: total('fused', 'cpu'), tfjsWall: total('tfjs', 'wall'), tfjsCpu: total('tfjs', 'cpu') };
  const load = {
    loadavgBefore: loadBefore.map((x) => Number(x.toFixed(2))),
    loadavgAfter: os.loadavg().map((x) => Number(x.toFixed(2))),
    cpus: os.cpus().length,
  };
  if (json) {
    console.log(
      JSON.stringify(
        { note: 'one jobs worker in Node (the browser splits jobs over a pool of one worker per core)', load, rows, phaseDiagramsTab: tab },
        null,
        2,
      ),
    );
    return;
  }
  console.log('job                                                                          fused wall/CPU (s)   tfjs wall/CPU (s)   CPU ratio');
  for (const r of rows)
    console.log(
      `${r.job.padEnd(76)} ${r.fused.wall.toFixed(2).padStart(7)} / ${r.fused.cpu.toFixed(2).padEnd(8)} ${r.tfjs.wall.toFixed(2).padStart(8)} / ${r.tfjs.cpu.toFixed(2).padEnd(8)} ${r.cpuRatio.toFixed(1).padStart(6)}×`,
    );
  console.log(
    `whole Phase diagrams tab: fused ${tab.fusedWall.toFixed(2)} s wall, tfjs ${tab.tfjsWall.toFixed(2)} s; load ${load.loadavgBefore.join(' ')} → ${load.loadavgAfter.join(' ')} on ${load.cpus} cores`,
  );
}

main().catch((e) => {
  process.stderr.write(`jobs bench failed: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
