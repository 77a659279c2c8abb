/**
 * Replica-steps per CPU second of the wasm-simd kernel vs the tfjs path on tfjs-wasm, measured in
 * the same process: 2-10-10-2 (Ersoy–Wiesner data), moments path, GD and Langevin, R = 256, 1024.
 *
 *   npx tsx tests/bench/wasmKernel.bench.ts [--json]
 *
 * Each rate is the median of 3 repeats of ≥ MIN_CPU_SECONDS of process CPU time (process.cpuUsage,
 * so a shared machine's load shows up less than in wall time). The tfjs trainer runs chunks of
 * TFJS_CHUNK steps with its metrics read-back, as the app does; the kernel runs KERNEL_CHUNK steps
 * per call and reads nothing back (its trainer adds metrics once per chunk).
 */
import os from 'node:os';
import { ersoyWiesnerPreset, makeTeacherDataset } from '../../src/data';
import { createTrainer } from '../../src/engine';
import { initBackend } from '../../src/engine/backends';
import type { KernelSpec, StepHyper } from '../../src/engine/fused/kernel';
import { wasmSimdKernel } from '../../src/engine/fused/wasm/wasmKernel';
import { initialWeights } from '../../src/engine/model';
import type { NetSpec, OptimizerKind, TrainerConfig } from '../../src/engine/types';

const MIN_CPU_SECONDS = 0.4;
const REPEATS = 3;
const TFJS_CHUNK = 200;
const KERNEL_CHUNK = 1000;
const LR = 0.02;
const NET: NetSpec = { inputDim: 2, outputDim: 2, hiddenWidths: [10, 10], activation: 'linear' };

const json = process.argv.includes('--json');
const log = (line: string) => (json ? process.stderr : process.stdout).write(line + '\n');

const cpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

/** median over repeats of (replica-steps / CPU s), each repeat running `chunk` until MIN_CPU_SECONDS */
async function rate(replicas: number, chunk: () => unknown | Promise<unknown>, stepsPerChunk: number): Promise<number> {
  await chunk(); // warm-up (compilation, first allocations)
  const rates: number[] = [];
  for (let k = 0; k < REPEATS; k++) {
    const start = cpuSeconds();
    let steps = 0;
    while (cpuSeconds() - start < MIN_CPU_SECONDS) {
      await chunk();
      steps += stepsPerChunk;
    }
    rates.push((steps * replicas) / (cpuSeconds() - start));
  }
  return rates.sort((a, b) => a - b)[Math.floor(REPEATS / 2)];
}

const data = makeTeacherDataset(ersoyWiesnerPreset(1));
const gammaOf = (r: number) => 0.001 + (0.05 * r) / 1024;
const temperatureOf = (optimizer: OptimizerKind) => (optimizer === 'langevin' ? 0.01 : 0);

async function tfjsRate(optimizer: OptimizerKind, R: number): Promise<number> {
  const config: TrainerConfig = {
    net: NET,
    data,
    optimizer,
    lr: LR,
    replicas: Array.from({ length: R }, (_, r) => ({
      gamma: gammaOf(r),
      temperature: temperatureOf(optimizer),
      noiseSeed: r + 1,
      init: { kind: 'random' as const, scale: 1, seed: r + 1 },
    })),
  };
  const trainer = await createTrainer(config);
  try {
    return await rate(R, () => trainer.run(TFJS_CHUNK), TFJS_CHUNK);
  } finally {
    trainer.dispose();
  }
}

async function kernelRate(optimizer: OptimizerKind, R: number): Promise<number> {
  const spec: KernelSpec = {
    net: NET,
    data,
    optimizer,
    path: 'moments',
    replicas: R,
    batchSize: data.trainSize,
    noiseSeeds: Array.from({ length: R }, (_, r) => r + 1),
  };
  const reason = wasmSimdKernel.unsupported(spec);
  if (reason) throw new Error(reason);
  const kernel = await wasmSimdKernel.create(spec);
  for (let r = 0; r < R; r++) kernel.setWeights(r, initialWeights(NET, { kind: 'random', scale: 1, seed: r + 1 }));
  const hyper: StepHyper = {
    lr: LR,
    gammas: Float64Array.from({ length: R }, (_, r) => gammaOf(r)),
    temperatures: new Float64Array(R).fill(temperatureOf(optimizer)),
    frozen: new Uint8Array(R),
    firstStep: 0,
  };
  try {
    return await rate(
      R,
      () => {
        kernel.run(KERNEL_CHUNK, hyper);
        hyper.firstStep += KERNEL_CHUNK;
      },
      KERNEL_CHUNK,
    );
  } finally {
    kernel.dispose();
  }
}

await initBackend('wasm');
log(
  `load average (1, 5, 15 min): ${os
    .loadavg()
    .map((v) => v.toFixed(2))
    .join(', ')} on ${os.cpus().length} cores`,
);
const rows: Array<{ net: string; path: string; optimizer: OptimizerKind; R: number; kernel: string; backend: string; replicaStepsPerSecond: number }> = [];
for (const optimizer of ['gd', 'langevin'] as const) {
  for (const R of [256, 1024]) {
    const tfjs = await tfjsRate(optimizer, R);
    const fused = await kernelRate(optimizer, R);
    rows.push({ net: '2-10-10-2', path: 'moments', optimizer, R, kernel: 'tfjs', backend: 'wasm', replicaStepsPerSecond: tfjs });
    rows.push({ net: '2-10-10-2', path: 'moments', optimizer, R, kernel: 'wasm-simd', backend: 'wasm-simd', replicaStepsPerSecond: fused });
    log(
      `${optimizer.padEnd(8)} R=${String(R).padStart(4)}  tfjs-wasm ${(tfjs / 1e6).toFixed(2).padStart(6)} M/s   wasm-simd ${(fused / 1e6).toFixed(2).padStart(6)} M/s   ×${(fused / tfjs).toFixed(1)}`,
    );
  }
}
const loadAfter = os.loadavg();
log(`load average after: ${loadAfter.map((v) => v.toFixed(2)).join(', ')}`);
if (json) process.stdout.write(JSON.stringify({ loadavg: loadAfter, rows }, null, 2) + '\n');
