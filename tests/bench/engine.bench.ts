/**
 * Engine throughput in Node: replica-steps per second of every registered fused kernel and of the
 * op-by-op tfjs trainer (wasm backend, the baseline), by CPU time.
 *
 *   npm run bench               readable table on stdout, then the phase-diagram bench
 *   npm run bench -- --json     exactly one JSON document on stdout (progress on stderr), the
 *                               app-jobs bench (jobs.bench.ts) merged into it as `jobs`
 *   --no-jobs                   skip the app-jobs bench
 *
 * Cells: the live lab's default net (src/state/parameters.ts: 5-4-4-3 linear, 200 samples,
 * moments Langevin T = 1e-8, lr 0.1, γ 0.2) at R = 1; Ersoy–Wiesner 2-10-10-2 (512 samples) with
 * moments GD and moments Langevin at R = 1, 64, 256; the sample path (tanh GD) and minibatch SGD
 * at R = 1, 64. Each cell runs chunks of ~20 ms (one metrics read-back per chunk, as the app does)
 * for ≥ 3 repeats of ~0.25 s; the rate is the median over repeats of replica-steps / CPU second
 * (process.cpuUsage, so other processes on a shared machine cost less than in wall time).
 * Kernels come from the registry (engine/fused/choice.ts): a kernel registered later shows up
 * here by itself, or as a skipped cell with its reason.
 */
import os from 'node:os';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { makeTeacherDataset, ersoyWiesnerPreset } from '../../src/data';
import type { Dataset } from '../../src/data/types';
import { createTrainer, KERNEL_FACTORIES, kernelFor } from '../../src/engine';
import { initBackend } from '../../src/engine/backends';
import { kernelSpecOf } from '../../src/engine/fused/fusedTrainer';
import type { KernelName } from '../../src/engine/fused/kernel';
import type { NetSpec, OptimizerKind, TrainerConfig } from '../../src/engine/types';

const REPEATS = 3;
const REPEAT_SECONDS = 0.25;
const CHUNK_SECONDS = 0.02;
const MAX_CHUNK = 5000;

const json = process.argv.includes('--json');
const jobs = !process.argv.includes('--no-jobs');
const progress = (line: string) => process.stderr.write(line + '\n');

interface Cell {
  net: string;
  spec: NetSpec;
  data: Dataset;
  optimizer: OptimizerKind;
  lr: number;
  gamma: number;
  temperature: number;
  batchSize?: number;
  replicas: number[];
}

interface Row {
  backend: string;
  kernel: 'fused' | 'tfjs';
  kernelName: 'tfjs' | KernelName;
  net: string;
  activation: string;
  path: 'moments' | 'samples';
  optimizer: OptimizerKind;
  R: number;
  replicaStepsPerSecond: number;
  /** per repeat: wall and CPU seconds, steps */
  wall: number[];
  cpu: number[];
  steps: number[];
}

interface Skipped {
  kernelName: string;
  net: string;
  optimizer: string;
  R: number;
  reason: string;
}

function cells(): Cell[] {
  const live = makeTeacherDataset({ inputDim: 5, outputDim: 3, spectrum: [1], labelNoise: 0, trainSize: 200, testSize: 200, whiten: true, seed: 1 });
  const ew = makeTeacherDataset(ersoyWiesnerPreset(1));
  const linear = (hiddenWidths: number[], inputDim = 2, outputDim = 2): NetSpec => ({ inputDim, outputDim, hiddenWidths, activation: 'linear' });
  return [
    { net: '5-4-4-3', spec: linear([4, 4], 5, 3), data: live, optimizer: 'langevin', lr: 0.1, gamma: 0.2, temperature: 1e-8, replicas: [1] },
    { net: '2-10-10-2', spec: linear([10, 10]), data: ew, optimizer: 'gd', lr: 0.02, gamma: 0.1, temperature: 0, replicas: [1, 64, 256] },
    { net: '2-10-10-2', spec: linear([10, 10]), data: ew, optimizer: 'langevin', lr: 0.02, gamma: 0.1, temperature: 0.005, replicas: [1, 64, 256] },
    { net: '2-10-10-2', spec: { ...linear([10, 10]), activation: 'tanh' }, data: ew, optimizer: 'gd', lr: 0.02, gamma: 0.1, temperature: 0, replicas: [1, 64] },
    { net: '2-10-10-2', spec: linear([10, 10]), data: ew, optimizer: 'sgd', lr: 0.02, gamma: 0.1, temperature: 0, batchSize: 32, replicas: [1, 64] },
  ];
}

function configOf(cell: Cell, R: number, kernel: TrainerConfig['kernel']): TrainerConfig {
  return {
    net: cell.spec,
    data: cell.data,
    optimizer: cell.optimizer,
    lr: cell.lr,
    batchSize: cell.batchSize,
    kernel,
    replicas: Array.from({ length: R }, (_, r) => ({
      gamma: cell.gamma * (0.5 + r / Math.max(1, R)),
      temperature: cell.temperature,
      noiseSeed: r,
      init: { kind: 'random' as const, scale: 0.7, seed: r + 1 },
    })),
  };
}

const cpuSeconds = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function measure(config: TrainerConfig): Promise<{ rate: number; wall: number[]; cpu: number[]; steps: number[]; path: 'moments' | 'samples' }> {
  const trainer = await createTrainer(config);
  const R = config.replicas.length;
  try {
    await trainer.run(2); // warm-up: JIT, kernels, hyperparameter tensors
    let t0 = performance.now();
    let probe = 1;
    let probed = 0;
    while (performance.now() - t0 < 30) {
      await trainer.run(probe);
      probed += probe;
      probe *= 2;
    }
    const perStep = (performance.now() - t0) / 1000 / probed;
    const chunk = Math.max(1, Math.min(MAX_CHUNK, Math.round(CHUNK_SECONDS / perStep)));
    const wall: number[] = [];
    const cpu: number[] = [];
    const steps: number[] = [];
    for (let repeat = 0; repeat < REPEATS; repeat++) {
      let done = 0;
      const c0 = process.cpuUsage();
      t0 = performance.now();
      while (performance.now() - t0 < REPEAT_SECONDS * 1000) {
        await trainer.run(chunk);
        done += chunk;
      }
      cpu.push(cpuSeconds(c0));
      wall.push((performance.now() - t0) / 1000);
      steps.push(done);
    }
    const rates = steps.map((s, i) => (s * R) / Math.max(cpu[i], 1e-6));
    return { rate: median(rates), wall, cpu, steps, path: trainer.path };
  } finally {
    trainer.dispose();
  }
}

function table(rows: Row[]): string {
  const header = ['kernel', 'net', 'act', 'path', 'optimizer', 'R', 'replica-steps/s (CPU)'];
  const body = rows.map((r) => [
    r.kernel === 'tfjs' ? `tfjs-${r.backend}` : r.kernelName,
    r.net,
    r.activation,
    r.path,
    r.optimizer,
    String(r.R),
    Math.round(r.replicaStepsPerSecond).toLocaleString('en-US'),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i >= 5 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

interface Ratio {
  name: string;
  target: number;
  fusedKernel: string | null;
  /** what kernel: 'auto' runs for the cell ('tfjs' where it falls back) */
  autoPicks: string | null;
  fused: number | null;
  tfjs: number | null;
  ratio: number | null;
  met: boolean;
}

function ratios(rows: Row[]): Ratio[] {
  const targets = [
    { name: 'R=1 live-lab default net (5-4-4-3 moments Langevin): fused / tfjs-wasm', net: '5-4-4-3', optimizer: 'langevin', R: 1, target: 30 },
    { name: 'R=256 2-10-10-2 moments GD: fused / tfjs-wasm', net: '2-10-10-2', optimizer: 'gd', R: 256, target: 5 },
    { name: 'R=256 2-10-10-2 moments Langevin: fused / tfjs-wasm', net: '2-10-10-2', optimizer: 'langevin', R: 256, target: 3 },
  ] as const;
  const live = cells();
  return targets.map((t) => {
    const cell = live.find((c) => c.net === t.net && c.optimizer === t.optimizer && c.spec.activation === 'linear');
    const auto = cell ? (kernelFor(kernelSpecOf(configOf(cell, t.R, 'auto')), 'auto')?.name ?? 'tfjs') : null;
    const matching = rows.filter((r) => r.net === t.net && r.optimizer === t.optimizer && r.activation === 'linear' && r.path === 'moments' && r.R === t.R);
    // "fused" = the fastest fused kernel measured for the cell
    const best = matching.filter((r) => r.kernel === 'fused').sort((a, b) => b.replicaStepsPerSecond - a.replicaStepsPerSecond)[0];
    const fused = best?.replicaStepsPerSecond ?? null;
    const tfjs = matching.find((r) => r.kernel === 'tfjs')?.replicaStepsPerSecond ?? null;
    const ratio = fused !== null && tfjs !== null ? Number((fused / tfjs).toFixed(2)) : null;
    return {
      name: t.name,
      target: t.target,
      fusedKernel: best?.kernelName ?? null,
      autoPicks: auto,
      fused: fused && Math.round(fused),
      tfjs: tfjs && Math.round(tfjs),
      ratio,
      met: ratio !== null && ratio >= t.target,
    };
  });
}

/** the app-jobs bench as a child process (its --json document, or its table on our stdout) */
function jobsBench(): unknown {
  const script = fileURLToPath(new URL('./jobs.bench.ts', import.meta.url));
  const run = spawnSync(process.execPath, ['--import', 'tsx', script, ...(json ? ['--json'] : [])], {
    stdio: ['ignore', json ? 'pipe' : 'inherit', 'inherit'],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) return { error: `jobs bench exited with ${run.status ?? run.signal}` };
  if (!json) return null;
  try {
    return JSON.parse(run.stdout);
  } catch {
    return { error: 'jobs bench printed no JSON document' };
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  const loadBefore = os.loadavg();
  await initBackend('wasm');
  const rows: Row[] = [];
  const skipped: Skipped[] = [];
  // JIT warm-up on a small case of each kernel, so the first measured cell is not penalised
  await measure(configOf(cells()[0], 1, 'js'));
  for (const cell of cells()) {
    for (const R of cell.replicas) {
      const candidates: Array<'tfjs' | KernelName> = ['tfjs', ...KERNEL_FACTORIES.map((f) => f.name)];
      for (const kernelName of candidates) {
        const config = configOf(cell, R, kernelName);
        if (kernelName !== 'tfjs') {
          const factory = KERNEL_FACTORIES.find((f) => f.name === kernelName);
          const why = factory?.unsupported(kernelSpecOf(config));
          if (why) {
            skipped.push({ kernelName, net: cell.net, optimizer: cell.optimizer, R, reason: why });
            continue;
          }
        }
        let m: Awaited<ReturnType<typeof measure>>;
        try {
          m = await measure(config);
        } catch (error) {
          skipped.push({ kernelName, net: cell.net, optimizer: cell.optimizer, R, reason: (error as Error).message });
          continue;
        }
        const row: Row = {
          backend: kernelName === 'tfjs' ? 'wasm' : kernelName === 'webgpu' ? 'webgpu' : 'cpu',
          kernel: kernelName === 'tfjs' ? 'tfjs' : 'fused',
          kernelName,
          net: cell.net,
          activation: cell.spec.activation,
          path: m.path,
          optimizer: cell.optimizer,
          R,
          replicaStepsPerSecond: m.rate,
          wall: m.wall.map((x) => Number(x.toFixed(3))),
          cpu: m.cpu.map((x) => Number(x.toFixed(3))),
          steps: m.steps,
        };
        rows.push(row);
        progress(
          `  ${kernelName.padEnd(9)} ${cell.net} ${cell.spec.activation} ${m.path} ${cell.optimizer} R=${R}: ${Math.round(m.rate).toLocaleString('en-US')} replica-steps/s`,
        );
      }
    }
  }
  const load = {
    loadavgBefore: loadBefore.map((x) => Number(x.toFixed(2))),
    loadavgAfter: os.loadavg().map((x) => Number(x.toFixed(2))),
    cpus: os.cpus().length,
    note: 'rates are replica-steps per CPU second of this process; on a shared machine (load above the core count) contention still slows both kernels, so compare ratios from one run',
  };
  const summary = ratios(rows);
  const environment = { node: process.version, tfjs: tf.version.tfjs, seconds: Number(((performance.now() - started) / 1000).toFixed(1)) };
  if (json) {
    const jobsResult = jobs ? jobsBench() : { skipped: '--no-jobs' };
    const out = rows.map((r) => ({ ...r, replicaStepsPerSecond: Math.round(r.replicaStepsPerSecond) }));
    process.stdout.write(JSON.stringify({ environment, load, rows: out, skipped, ratios: summary, jobs: jobsResult }, null, 2) + '\n');
    return;
  }
  console.log(table(rows));
  console.log('');
  for (const s of skipped) console.log(`skipped ${s.kernelName} ${s.net} ${s.optimizer} R=${s.R}: ${s.reason}`);
  for (const r of summary) {
    console.log(
      `${r.name} [${r.fusedKernel ?? 'none'}; auto runs ${r.autoPicks}]: ${r.ratio ?? 'n/a'}× (target ≥ ${r.target}×) — ${r.met ? 'met' : 'NOT met'}`,
    );
  }
  console.log(
    `node ${environment.node}, tfjs ${environment.tfjs}, ${load.cpus} cores, load ${load.loadavgBefore.join(' ')} → ${load.loadavgAfter.join(' ')}, ${environment.seconds} s`,
  );
  if (jobs) {
    console.log('');
    jobsBench();
  }
}

main().catch((e) => {
  process.stderr.write(`bench failed: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
