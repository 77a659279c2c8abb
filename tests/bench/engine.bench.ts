/**
 * Engine throughput in Node: replica-steps per second of the batched trainer.
 *
 *   npm run bench             readable table on stdout
 *   npm run bench -- --json   machine-readable JSON on stdout (progress on stderr)
 *
 * Nets: (a) Ersoy–Wiesner 2-10-10-2, 512 samples; (b) 10-20-20-1, 512 samples. Both linear,
 * full-batch GD, on the default path (moments) and on the sample path; plus (a) with Langevin
 * noise (T > 0 for every replica) on the default path. R = 1, 64, 256 replicas in
 * one batched program; "× seq" = batched throughput / R = 1 throughput (running R replicas one
 * after another gives the R = 1 rate). Each case runs in chunks of ≤ 200 steps with one metrics
 * read-back per chunk, as the app does, for about MEASURE_SECONDS.
 * tfjs webgl/webgpu need a browser (WebGL2 context / navigator.gpu): not measurable in Node.
 */
import os from 'node:os';
import * as tf from '@tensorflow/tfjs';
import { makeTeacherDataset, ersoyWiesnerPreset } from '../../src/data';
import type { Dataset } from '../../src/data/types';
import { createTrainer } from '../../src/engine';
import { initBackend, type BackendName } from '../../src/engine/backends';
import type { NetSpec, TrainerConfig } from '../../src/engine/types';

const MEASURE_SECONDS = 0.8;
const CHUNK = 200;
const REPLICAS = [1, 64, 256];
const BACKENDS: BackendName[] = ['wasm', 'cpu'];
const TARGET = { backend: 'wasm', replicas: 256, speedup: 20 };

interface Case {
  name: string;
  net: NetSpec;
  data: Dataset;
  optimizer: 'gd' | 'langevin';
}

interface Row {
  backend: string;
  net: string;
  path: 'moments' | 'samples';
  replicas: number;
  steps: number;
  seconds: number;
  stepsPerSecond: number;
  replicaStepsPerSecond: number;
  speedupOverSequential: number;
}

const json = process.argv.includes('--json');
const log = (line: string) => (json ? process.stderr : process.stdout).write(line + '\n');

function cases(): Case[] {
  const ew = makeTeacherDataset(ersoyWiesnerPreset(1));
  const wide = makeTeacherDataset({ inputDim: 10, outputDim: 1, spectrum: [1], labelNoise: 0.1, trainSize: 512, testSize: 512, whiten: true, seed: 1 });
  return [
    { name: '2-10-10-2 (Ersoy–Wiesner)', net: { inputDim: 2, outputDim: 2, hiddenWidths: [10, 10], activation: 'linear' }, data: ew, optimizer: 'gd' },
    { name: '10-20-20-1', net: { inputDim: 10, outputDim: 1, hiddenWidths: [20, 20], activation: 'linear' }, data: wide, optimizer: 'gd' },
    // the escape experiments' workload: per-replica noise drawn in JS and uploaded every step
    { name: '2-10-10-2 Langevin', net: { inputDim: 2, outputDim: 2, hiddenWidths: [10, 10], activation: 'linear' }, data: ew, optimizer: 'langevin' },
  ];
}

async function measure(c: Case, path: 'auto' | 'samples', R: number): Promise<{ steps: number; seconds: number; path: 'moments' | 'samples' }> {
  const config: TrainerConfig = {
    net: c.net,
    data: c.data,
    optimizer: c.optimizer,
    lr: 0.02,
    path,
    replicas: Array.from({ length: R }, (_, r) => ({ gamma: 0.05 + (0.4 * r) / R, temperature: c.optimizer === 'langevin' ? 0.005 : 0, noiseSeed: r, init: { kind: 'random' as const, scale: 0.7, seed: r } })),
  };
  const trainer = await createTrainer(config);
  try {
    await trainer.run(3); // warm-up: kernels, hyperparameter tensors
    let t0 = performance.now();
    await trainer.run(2);
    const perStep = Math.max((performance.now() - t0) / 2000, 1e-6);
    const target = Math.max(5, Math.min(20_000, Math.round(MEASURE_SECONDS / perStep)));
    let steps = 0;
    t0 = performance.now();
    while (steps < target) {
      const k = Math.min(CHUNK, target - steps);
      await trainer.run(k);
      steps += k;
    }
    return { steps, seconds: (performance.now() - t0) / 1000, path: trainer.path };
  } finally {
    trainer.dispose();
  }
}

function table(rows: Row[]): string {
  const header = ['backend', 'net', 'path', 'R', 'steps/s', 'replica-steps/s', '× seq'];
  const body = rows.map((r) => [
    r.backend,
    r.net,
    r.path,
    String(r.replicas),
    r.stepsPerSecond.toFixed(0),
    r.replicaStepsPerSecond.toFixed(0),
    r.replicas === 1 ? '1' : r.speedupOverSequential.toFixed(1),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i >= 3 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

async function main(): Promise<void> {
  const started = performance.now();
  const rows: Row[] = [];
  const skipped: Record<string, string> = {
    webgl: 'not available in Node (tfjs-webgl needs a browser WebGL2 context)',
    webgpu: 'not available in Node (tfjs-webgpu needs navigator.gpu)',
  };
  for (const backend of BACKENDS) {
    try {
      await initBackend(backend);
    } catch (e) {
      skipped[backend] = (e as Error).message;
      continue;
    }
    // JIT and kernel warm-up, so the first measured case is not penalised
    for (const c of cases()) await measure(c, 'auto', 1);
    for (const c of cases()) {
      for (const path of c.optimizer === 'gd' ? (['auto', 'samples'] as const) : (['auto'] as const)) {
        let sequential = NaN;
        for (const R of REPLICAS) {
          const m = await measure(c, path, R);
          const stepsPerSecond = m.steps / m.seconds;
          if (R === 1) sequential = stepsPerSecond;
          const row: Row = {
            backend,
            net: c.name,
            path: m.path,
            replicas: R,
            steps: m.steps,
            seconds: Number(m.seconds.toFixed(3)),
            stepsPerSecond,
            replicaStepsPerSecond: stepsPerSecond * R,
            speedupOverSequential: (stepsPerSecond * R) / sequential,
          };
          rows.push(row);
          (json ? process.stderr : process.stdout).write(`  measured ${backend} ${c.name} ${m.path} R=${R}: ${row.replicaStepsPerSecond.toFixed(0)} replica-steps/s\n`);
        }
      }
    }
  }
  const goal = rows.find((r) => r.backend === TARGET.backend && r.replicas === TARGET.replicas && r.path === 'moments' && r.net === '2-10-10-2 (Ersoy–Wiesner)');
  const summary = {
    target: `${TARGET.backend}, R = ${TARGET.replicas}, default path, batched ≥ ${TARGET.speedup}× sequential`,
    achieved: goal ? Number(goal.speedupOverSequential.toFixed(1)) : null,
    met: goal ? goal.speedupOverSequential >= TARGET.speedup : false,
  };
  const environment = {
    node: process.version,
    tfjs: tf.version.tfjs,
    cpus: os.cpus().length,
    loadAverage: os.loadavg().map((x) => Number(x.toFixed(2))),
    totalSeconds: Number(((performance.now() - started) / 1000).toFixed(1)),
  };
  if (json) {
    const round = (r: Row) => ({
      ...r,
      stepsPerSecond: Math.round(r.stepsPerSecond),
      replicaStepsPerSecond: Math.round(r.replicaStepsPerSecond),
      speedupOverSequential: Number(r.speedupOverSequential.toFixed(2)),
    });
    process.stdout.write(JSON.stringify({ environment, rows: rows.map(round), skipped, summary }, null, 2) + '\n');
    return;
  }
  log('');
  log(table(rows));
  log('');
  for (const [name, why] of Object.entries(skipped)) log(`${name}: skipped, ${why}`);
  log(`target (${summary.target}): ${summary.achieved ?? 'n/a'}× — ${summary.met ? 'met' : 'NOT met'}`);
  log(`node ${environment.node}, tfjs ${environment.tfjs}, ${environment.cpus} cores, load ${environment.loadAverage.join(' ')}, ${environment.totalSeconds} s`);
}

main().catch((e) => {
  process.stderr.write(`bench failed: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
