/**
 * GPU benchmark of the fused WGSL kernel (src/engine/fused/webgpu) in Node on Dawn (`webgpu`).
 * Prints ONE JSON document on stdout (progress on stderr): the adapter, a correctness self-check
 * against the float64 reference, and for 2-10-10-2 (Ersoy–Wiesner data, moments path) GD and
 * Langevin at each R: replica-steps/s by wall clock (median of the repeats, after a warm-up, with K
 * steps per dispatch chosen so one dispatch takes ~50–200 ms) and the host CPU time per dispatch.
 *
 *   npm run bench:gpu -- [--replicas 256,1024,4096,16384,65536] [--repeats 3] [--target-ms 100]
 *                        [--optimizers gd,langevin] [--swiftshader] [--dawn backend=vulkan]
 *   bundled (no npm needed on the GPU machine): npm run bundle:gpu-bench, then
 *   dist-gpu-bench/run.sh [same options]
 *
 * --swiftshader points VK_ICD_FILENAMES at Chromium's software Vulkan (machines without a GPU).
 */
import { ersoyWiesnerPreset, makeTeacherDataset } from '../../src/data';
import { normalSource } from '../../src/data/random';
import type { KernelSpec, StepHyper, StepKernel } from '../../src/engine/fused/kernel';
import { netLayout } from '../../src/engine/fused/webgpu/layout';
import { createNodeGpu, type NodeGpu } from '../../src/engine/fused/webgpu/nodeDevice';
import { webgpuKernel } from '../../src/engine/fused/webgpu/webgpuKernel';
import { langevinKey } from '../../src/engine/noise/philox';
import type { NetSpec, OptimizerKind, Weights } from '../../src/engine/types';
import { referenceStep, relativeError, type RefReplica } from '../support/momentReference';

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}
const REPLICAS = option('replicas', '256,1024,4096,16384,65536').split(',').map(Number);
const REPEATS = Number(option('repeats', '3'));
const TARGET_MS = Number(option('target-ms', '100'));
const OPTIMIZERS = option('optimizers', 'gd,langevin').split(',') as OptimizerKind[];
const DISPATCHES_PER_REPEAT = 3;
const MAX_STEPS_PER_DISPATCH = 1 << 22;
const LR = 0.01;
const TEMPERATURE = 0.02;

const log = (line: string) => process.stderr.write(line + '\n');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

const NET: NetSpec = { inputDim: 2, outputDim: 2, hiddenWidths: [10, 10], activation: 'linear' };
const DATA = makeTeacherDataset(ersoyWiesnerPreset(1));
const SIZES = netLayout(NET).sizes;

function randomWeights(seed: number, scale = 0.5): Weights {
  const normal = normalSource(seed);
  const weights: Weights = [];
  for (let l = 1; l < SIZES.length; l++) {
    weights.push(Float32Array.from({ length: SIZES[l] * SIZES[l - 1] }, () => (scale * normal()) / Math.sqrt(SIZES[l - 1])));
  }
  return weights;
}

async function makeKernel(gpu: NodeGpu, optimizer: OptimizerKind, replicas: number) {
  const noiseSeeds = Array.from({ length: replicas }, (_, r) => 7 + r);
  const spec: KernelSpec = { net: NET, data: DATA, optimizer, path: 'moments', replicas, batchSize: DATA.trainSize, noiseSeeds };
  const t0 = performance.now();
  const kernel = await webgpuKernel(() => gpu.device).create(spec);
  const compileMs = performance.now() - t0;
  const hyper: StepHyper = {
    lr: LR,
    // γ spread over [0, 0.3] across replicas: the escape/phase-diagram workload
    gammas: Float64Array.from({ length: replicas }, (_, r) => (0.3 * r) / Math.max(1, replicas - 1)),
    temperatures: new Float64Array(replicas).fill(optimizer === 'langevin' ? TEMPERATURE : 0),
    frozen: new Uint8Array(replicas),
    firstStep: 0,
  };
  return { kernel, hyper, noiseSeeds, compileMs };
}

/** float32 GPU vs float64 reference after 500 steps on 8 replicas (validates the device's math) */
async function selfCheck(gpu: NodeGpu, optimizer: OptimizerKind) {
  const R = 8;
  const steps = 500;
  const { kernel, hyper, noiseSeeds } = await makeKernel(gpu, optimizer, R);
  const refs: RefReplica[] = [];
  for (let r = 0; r < R; r++) {
    const w = randomWeights(100 + r, 0.9);
    kernel.setWeights(r, w);
    refs.push({
      weights: w.map((m) => Float64Array.from(m)),
      gamma: hyper.gammas[r],
      temperature: hyper.temperatures[r],
      frozen: false,
      key: langevinKey(noiseSeeds[r]),
    });
  }
  await kernel.run(steps, hyper);
  await kernel.sync!();
  for (const rep of refs) for (let s = 0; s < steps; s++) referenceStep(SIZES, DATA.train, LR, rep, s, optimizer === 'langevin');
  const maxRelativeError = Math.max(...refs.map((rep, r) => relativeError(kernel.getWeights(r), rep.weights)));
  kernel.dispose();
  return { optimizer, replicas: R, steps, maxRelativeError, pass: maxRelativeError < 2e-5 };
}

async function timeDispatches(gpu: NodeGpu, kernel: StepKernel, hyper: StepHyper, steps: number, count: number, step: { next: number }) {
  const wall0 = performance.now();
  const cpu0 = cpuMs();
  let issueCpu = 0;
  for (let i = 0; i < count; i++) {
    const c = cpuMs();
    await kernel.run(steps, { ...hyper, firstStep: step.next });
    issueCpu += cpuMs() - c;
    step.next += steps;
  }
  await gpu.device.queue.onSubmittedWorkDone();
  return { wallMs: performance.now() - wall0, issueCpuMs: issueCpu, processCpuMs: cpuMs() - cpu0 };
}

interface RepeatTiming {
  replicaStepsPerSecond: number;
  dispatchMs: number;
  hostCpuMsPerDispatch: number;
  processCpuMsPerDispatch: number;
}

async function benchRow(gpu: NodeGpu, optimizer: OptimizerKind, replicas: number) {
  const { kernel, hyper, compileMs } = await makeKernel(gpu, optimizer, replicas);
  try {
    for (let r = 0; r < replicas; r++) kernel.setWeights(r, randomWeights(r));
    const step = { next: 0 };
    await timeDispatches(gpu, kernel, hyper, 8, 1, step); // warm-up (pipeline, first submit)
    // calibrate K: grow until a dispatch (mean of two back to back) takes ≥ TARGET_MS / 2
    const perDispatch = async (k: number) => (await timeDispatches(gpu, kernel, hyper, k, 2, step)).wallMs / 2;
    let K = 16;
    let ms = await perDispatch(K);
    if (ms > 2 * TARGET_MS) {
      // slow devices (software Vulkan) at large R: fewer steps per dispatch
      K = Math.max(1, Math.floor((K * TARGET_MS) / ms));
      ms = await perDispatch(K);
    }
    while (ms < TARGET_MS / 2 && K < MAX_STEPS_PER_DISPATCH) {
      K = Math.min(MAX_STEPS_PER_DISPATCH, Math.ceil(K * Math.min(64, Math.max(1.5, TARGET_MS / Math.max(ms, 0.05)))));
      ms = await perDispatch(K);
    }
    const repeats: RepeatTiming[] = [];
    for (let i = 0; i < REPEATS; i++) {
      const t = await timeDispatches(gpu, kernel, hyper, K, DISPATCHES_PER_REPEAT, step);
      repeats.push({
        replicaStepsPerSecond: (DISPATCHES_PER_REPEAT * K * replicas) / (t.wallMs / 1000),
        dispatchMs: t.wallMs / DISPATCHES_PER_REPEAT,
        hostCpuMsPerDispatch: t.issueCpuMs / DISPATCHES_PER_REPEAT,
        processCpuMsPerDispatch: t.processCpuMs / DISPATCHES_PER_REPEAT,
      });
    }
    const s0 = performance.now();
    await kernel.sync!();
    const readbackMs = performance.now() - s0;
    const finite = kernel.getWeights(replicas - 1).every((w) => w.every(Number.isFinite));
    const pick = (key: keyof RepeatTiming) => median(repeats.map((r) => r[key]));
    const row = {
      net: SIZES.join('-'),
      path: 'moments',
      optimizer,
      replicas,
      stepsPerDispatch: K,
      replicaStepsPerSecond: pick('replicaStepsPerSecond'),
      dispatchMs: pick('dispatchMs'),
      hostCpuMsPerDispatch: pick('hostCpuMsPerDispatch'),
      processCpuMsPerDispatch: pick('processCpuMsPerDispatch'),
      readbackMs,
      compileMs,
      weightsFinite: finite,
      repeats,
    };
    log(
      `${row.net} ${optimizer} R=${replicas}: ${row.replicaStepsPerSecond.toExponential(3)} replica-steps/s, K=${K}, ${row.dispatchMs.toFixed(1)} ms/dispatch, host CPU ${row.hostCpuMsPerDispatch.toFixed(3)} ms/dispatch`,
    );
    return row;
  } finally {
    kernel.dispose();
  }
}

async function main(): Promise<number> {
  const dawn = option('dawn', '');
  const created = await createNodeGpu({ preferSwiftShader: process.argv.includes('--swiftshader'), dawnOptions: dawn ? dawn.split(',') : [] });
  const report: Record<string, unknown> = {
    bench: 'gpu-fused-wgsl',
    date: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  };
  if ('unavailable' in created) {
    report.error = created.unavailable;
    process.stdout.write(JSON.stringify(report, null, 2) + '\n');
    return 1;
  }
  const gpu = created;
  const info = gpu.info;
  report.adapter = info;
  report.softwareRenderer =
    info.isFallbackAdapter === true || /swiftshader|llvmpipe|lavapipe|software/i.test(`${info.architecture} ${info.device} ${info.description}`);
  log(`adapter: ${JSON.stringify(info)}`);
  const checks = [];
  for (const optimizer of OPTIMIZERS) {
    try {
      checks.push(await selfCheck(gpu, optimizer));
    } catch (error) {
      checks.push({ optimizer, error: String(error) });
    }
  }
  report.selfCheck = checks;
  log(`self-check: ${JSON.stringify(checks)}`);
  const rows = [];
  for (const optimizer of OPTIMIZERS) {
    for (const replicas of REPLICAS) {
      try {
        rows.push(await benchRow(gpu, optimizer, replicas));
      } catch (error) {
        log(`${optimizer} R=${replicas}: ${String(error)}`);
        rows.push({ net: SIZES.join('-'), path: 'moments', optimizer, replicas, error: String(error) });
      }
    }
  }
  report.rows = rows;
  report.settings = {
    lr: LR,
    temperature: TEMPERATURE,
    gammas: '0…0.3 across replicas',
    repeats: REPEATS,
    dispatchesPerRepeat: DISPATCHES_PER_REPEAT,
    targetMs: TARGET_MS,
  };
  process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  gpu.device.destroy();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`gpu bench failed: ${(error as Error).stack ?? error}\n`);
    process.exit(1);
  },
);
