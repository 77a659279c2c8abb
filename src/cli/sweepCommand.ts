/** `lab sweep`: a quasi-static γ sweep, up, down or both, on the batched engine. */
import {
  KERNEL_OPTION,
  parseKernel,
  ensureBudget,
  MAX_LR,
  parseChoice,
  parseGammaGrid,
  parseInteger,
  parseOptions,
  parsePositive,
  parseSpectrum,
  UsageError,
  type OptionSpec,
} from './args';
import { toCsv, toTable, type Row } from './format';
import { startProgress } from './progress';
import type { SweepRun } from '../experiments/sweep';
import type { KernelChoice } from '../engine/fused/kernel';
import { prepareKernel } from './kernel';
import { workloadOf } from '../budget/jobs';

/** the CLI's sweep dataset: 256 training samples */
const SAMPLES = 256;

const options: OptionSpec = {
  depth: { type: 'string' },
  spectrum: { type: 'string' },
  gamma: { type: 'string' },
  direction: { type: 'string' },
  width: { type: 'string' },
  steps: { type: 'string' },
  seed: { type: 'string' },
  lr: { type: 'string' },
  'input-dim': { type: 'string' },
  sequential: { type: 'boolean' },
  json: { type: 'boolean' },
  csv: { type: 'boolean' },
  ...KERNEL_OPTION,
};

export interface SweepArgs {
  depth: number;
  spectrum: number[];
  gammas: number[];
  direction: 'up' | 'down' | 'both';
  width: number;
  steps: number;
  seed: number;
  lr: number;
  inputDim: number;
  sequential: boolean;
  kernel: KernelChoice;
  format: 'json' | 'csv' | 'table';
}

export function parseSweepArgs(argv: string[]): SweepArgs {
  const values = parseOptions(argv, options);
  const depth = parseInteger(values.depth, 'depth', { min: 0, max: 6 });
  const spectrum = parseSpectrum(values.spectrum);
  const width = parseInteger(values.width, 'width', { min: 1, max: 256 }, Math.max(4, spectrum.length));
  if (depth > 0 && width < spectrum.length) {
    throw new UsageError(`--width ${width} cannot hold ${spectrum.length} features; use --width ≥ ${spectrum.length}`);
  }
  const inputDim = parseInteger(values['input-dim'], 'input-dim', { min: spectrum.length, max: 256 }, Math.max(5, spectrum.length));
  const args: SweepArgs = {
    depth,
    spectrum,
    gammas: parseGammaGrid(values.gamma),
    direction: parseChoice(values.direction, 'direction', ['up', 'down', 'both'] as const, 'up'),
    width,
    steps: parseInteger(values.steps, 'steps', { min: 1, max: 10_000_000 }, 3000),
    seed: parseInteger(values.seed, 'seed', { min: 0, max: 2 ** 31 - 1 }, 1),
    lr: parsePositive(values.lr, 'lr', 0.1, MAX_LR),
    inputDim,
    sequential: Boolean(values.sequential),
    kernel: parseKernel(values.kernel),
    format: values.json ? 'json' : values.csv ? 'csv' : 'table',
  };
  ensureBudget(sweepBudget(args));
  return args;
}

/** batched: one replica per γ of a direction, all at once; sequential: one replica walks the grid */
function sweepBudget(args: SweepArgs) {
  const net = (width: number) => ({ inputDim: args.inputDim, outputDim: args.spectrum.length, depth: args.depth, width });
  const at = (points: number, width = args.width, steps = args.steps) =>
    args.sequential ? workloadOf(net(width), 1, SAMPLES, steps * points) : workloadOf(net(width), points, SAMPLES, steps);
  return [
    { flag: '--gamma grid points', value: args.gammas.length, workloadAt: (n: number) => at(n) },
    { flag: '--width', value: args.width, workloadAt: (w: number) => at(args.gammas.length, w), min: args.spectrum.length },
    { flag: '--steps', value: args.steps, workloadAt: (s: number) => at(args.gammas.length, args.width, s) },
  ];
}

/** a diverged run has NaN everywhere: say so instead of printing nulls */
function ensureFinite(runs: SweepRun[], lr: number): void {
  for (const run of runs) {
    const bad = run.points.find((p) => ![p.trainLoss, p.penalty, p.normSq, ...p.modeOverlaps].every(Number.isFinite));
    if (bad)
      throw new UsageError(
        `training diverged at --lr ${lr} (γ = ${bad.gamma}, ${run.direction} sweep); use a smaller --lr, e.g. ${Number((lr / 10).toPrecision(3))}`,
      );
  }
}

function rowsOf(runs: SweepRun[]): Row[] {
  return runs.flatMap((run) =>
    run.points.map((point) => {
      const row: Row = { direction: run.direction, gamma: point.gamma };
      point.modeOverlaps.forEach((p, k) => (row[`p${k + 1}`] = p));
      point.singularValues.forEach((s, k) => (row[`sigma${k + 1}`] = s));
      row.trainLoss = point.trainLoss;
      row.penalty = point.penalty;
      row.normSq = point.normSq;
      return row;
    }),
  );
}

export async function sweepCommand(argv: string[]): Promise<string> {
  const args = parseSweepArgs(argv);
  // tfjs is loaded only once the arguments are known to be good
  const [{ makeTeacherDataset }, { createTrainer }, { initBackend }, { quasiStaticSweep }] = await Promise.all([
    import('../data'),
    import('../engine'),
    import('../engine/backends'),
    import('../experiments/sweep'),
  ]);
  await initBackend('wasm');
  const data = makeTeacherDataset({
    inputDim: args.inputDim,
    outputDim: args.spectrum.length,
    spectrum: args.spectrum,
    labelNoise: 0,
    trainSize: SAMPLES,
    testSize: SAMPLES,
    whiten: true,
    seed: args.seed,
  });
  await prepareKernel(args.kernel);
  const progress = startProgress(`sweep D=${args.depth} ${args.direction}`);
  const runs = await quasiStaticSweep(
    (config) => createTrainer({ ...config, kernel: args.kernel }),
    {
      net: { inputDim: args.inputDim, outputDim: args.spectrum.length, hiddenWidths: Array(args.depth).fill(args.width), activation: 'linear' },
      data,
      gammas: args.gammas,
      stepsPerGamma: args.steps,
      lr: args.lr,
      mode: args.sequential ? 'chain' : 'batched',
      onProgress: progress.update,
    },
    args.direction,
  ).finally(progress.stop);
  ensureFinite(runs, args.lr);

  if (args.format === 'json') {
    const round = (run: SweepRun) => ({ depth: run.depth, direction: run.direction, points: run.points.map(roundPoint) });
    return JSON.stringify(args.direction === 'both' ? runs.map(round) : round(runs[0])) + '\n';
  }
  if (args.format === 'csv') return toCsv(rowsOf(runs));
  return toTable(rowsOf(runs));
}

function roundPoint(point: SweepRun['points'][number]) {
  const r = (x: number) => Number(x.toPrecision(7));
  return {
    gamma: point.gamma,
    singularValues: point.singularValues.map(r),
    modeOverlaps: point.modeOverlaps.map(r),
    trainLoss: r(point.trainLoss),
    testLoss: r(point.testLoss),
    penalty: r(point.penalty),
    normSq: r(point.normSq),
  };
}
