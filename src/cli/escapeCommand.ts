/** `lab escape`: Langevin escape times out of a metastable trap, and their Arrhenius fits. */
import {
  ensureBudget,
  MAX_LR,
  MAX_STRENGTH,
  parseInteger,
  parseList,
  parseOptions,
  parsePositive,
  parseSpectrum,
  UsageError,
  type OptionSpec,
} from './args';
import { toCsv, toTable, type Row } from './format';
import { startProgress } from './progress';
import {
  arrheniusFit,
  arrheniusFitWithPrefactor,
  barrierFromOrigin,
  criticalGamma,
  spinodalGamma,
  stationaryPoints,
} from '../physics';
import { workloadOf } from '../budget/jobs';

/** the CLI's escape dataset: 256 training samples */
const SAMPLES = 256;

const options: OptionSpec = {
  depth: { type: 'string' },
  spectrum: { type: 'string' },
  gamma: { type: 'string' },
  temperatures: { type: 'string' },
  replicas: { type: 'string' },
  steps: { type: 'string' },
  'trap-from': { type: 'string' },
  'trap-steps': { type: 'string' },
  feature: { type: 'string' },
  width: { type: 'string' },
  lr: { type: 'string' },
  seed: { type: 'string' },
  'check-every': { type: 'string' },
  json: { type: 'boolean' },
  csv: { type: 'boolean' },
};

export async function escapeCommand(argv: string[]): Promise<string> {
  const values = parseOptions(argv, options);
  const depth = parseInteger(values.depth, 'depth', { min: 2, max: 6 });
  const spectrum = parseSpectrum(values.spectrum);
  const gamma = parsePositive(values.gamma, 'gamma', undefined, MAX_STRENGTH);
  const temperatures = parseList(values.temperatures, 'temperatures');
  if (temperatures.length > 256) throw new UsageError(`--temperatures takes at most 256 values, got ${temperatures.length}`);
  const replicas = parseInteger(values.replicas, 'replicas', { min: 1, max: 4096 }, 64);
  const steps = parseInteger(values.steps, 'steps', { min: 1, max: 100_000_000 }, 20_000);
  const feature = parseInteger(values.feature, 'feature', { min: 1, max: spectrum.length }, spectrum.length) - 1;
  const width = parseInteger(values.width, 'width', { min: spectrum.length, max: 256 }, spectrum.length);
  const lr = parsePositive(values.lr, 'lr', 0.05, MAX_LR);
  const seed = parseInteger(values.seed, 'seed', { min: 0, max: 2 ** 31 - 1 }, 1);
  const checkEvery = parseInteger(values['check-every'], 'check-every', { min: 1, max: 1_000_000 }, 10);
  const trapFromGamma = values['trap-from'] === undefined ? undefined : parsePositive(values['trap-from'], 'trap-from', undefined, MAX_STRENGTH);
  const trapSteps = parseInteger(values['trap-steps'], 'trap-steps', { min: 1, max: 10_000_000 }, 5000);
  const inputDim = Math.max(spectrum.length, 2);
  const net = (w: number) => ({ inputDim, outputDim: spectrum.length, depth, width: w });
  const totalSteps = (s: number) => s + (trapFromGamma === undefined ? 0 : trapSteps);
  ensureBudget([
    { flag: '--replicas', value: replicas, workloadAt: (r) => workloadOf(net(width), r * temperatures.length, SAMPLES, totalSteps(steps)) },
    { flag: '--width', value: width, workloadAt: (w) => workloadOf(net(w), replicas * temperatures.length, SAMPLES, totalSteps(steps)), min: spectrum.length },
    { flag: '--steps', value: steps, workloadAt: (s) => workloadOf(net(width), replicas * temperatures.length, SAMPLES, totalSteps(s)) },
  ]);

  const eta = spectrum[feature];
  const { learned, saddle } = stationaryPoints(depth, eta, gamma);
  if (learned === null || saddle === null) {
    throw new UsageError(`γ = ${gamma} is above the spinodal γ_sp = ${spinodalGamma(depth, eta)?.toPrecision(5)} of feature ${feature + 1}: there is no learned state to escape to`);
  }
  const trapSpinodal = spinodalGamma(depth, eta) ?? 0;
  if (trapFromGamma !== undefined && trapFromGamma <= trapSpinodal) {
    throw new UsageError(`--trap-from ${trapFromGamma} must lie above the spinodal γ_sp = ${trapSpinodal.toPrecision(5)} of feature ${feature + 1}, or the feature is not switched off`);
  }
  const threshold = (saddle + learned) / 2;
  const barrier = barrierFromOrigin(depth, eta, gamma) as number;
  const gammaC = criticalGamma(depth, eta) as number;

  const [{ makeTeacherDataset }, { createTrainer }, { initBackend }, { escapeExperiment }] = await Promise.all([
    import('../data'),
    import('../engine'),
    import('../engine/backends'),
    import('../experiments/escape'),
  ]);
  await initBackend('wasm');
  const data = makeTeacherDataset({
    inputDim,
    outputDim: spectrum.length,
    spectrum,
    labelNoise: 0,
    trainSize: SAMPLES,
    testSize: SAMPLES,
    whiten: true,
    seed,
  });
  const learnedValues = spectrum.map((e) => stationaryPoints(depth, e, gamma).learned ?? 0);
  const progress = startProgress(`escape D=${depth} γ=${gamma}`);
  const runs = await escapeExperiment(createTrainer, {
    net: { inputDim, outputDim: spectrum.length, hiddenWidths: Array(depth).fill(width), activation: 'linear' },
    data,
    gamma,
    temperatures,
    replicasPerTemperature: replicas,
    steps,
    lr,
    feature,
    threshold,
    learnedValues,
    trapFrom: trapFromGamma === undefined ? undefined : { gamma: trapFromGamma, steps: trapSteps },
    checkEvery,
    seed,
    onProgress: progress.update,
  }).finally(progress.stop);

  const fitted = runs.filter((run) => run.median !== null);
  const lnTau = fitted.map((run) => Math.log(run.median as number));
  const fit = fitted.length >= 2 ? arrheniusFit(fitted.map((run) => 1 / run.T), lnTau) : null;
  const fitWithPrefactor = fitted.length >= 3 ? arrheniusFitWithPrefactor(fitted.map((run) => run.T), lnTau) : null;
  const result = {
    depth,
    gamma,
    feature: feature + 1,
    eta,
    barrier,
    saddle,
    learned,
    threshold,
    gammaC,
    escapeToLowerLoss: gamma < gammaC,
    runs,
    fit,
    fitWithPrefactor,
  };
  if (values.json) return JSON.stringify(result) + '\n';
  const rows: Row[] = runs.map((run) => ({
    T: run.T,
    '1/T': 1 / run.T,
    median: run.median,
    mean: run.mean,
    censored: run.censored,
    replicas: run.escapeTimes.length,
  }));
  if (values.csv) return toCsv(rows);
  const lines = [
    `trap: feature ${feature + 1} (η = ${eta}) at p = 0, γ = ${gamma}; saddle p = ${saddle.toPrecision(4)}, learned p = ${learned.toPrecision(4)}, threshold ${threshold.toPrecision(4)}`,
    `theory barrier B = ${barrier.toPrecision(5)}${gamma < gammaC ? '' : `  (γ ≥ γ_c = ${gammaC.toPrecision(5)}: escape leads to a HIGHER loss)`}`,
    fit ? `fit ln τ = B/T + c:            B = ${fit.slope.toPrecision(4)}, R² = ${fit.r2.toFixed(4)}` : 'fit: needs ≥ 2 temperatures with a median',
    fitWithPrefactor
      ? `fit ln τ = B/T + k ln T + c:    B = ${fitWithPrefactor.slope.toPrecision(4)}, k = ${fitWithPrefactor.k.toPrecision(3)}, R² = ${fitWithPrefactor.r2.toFixed(4)}`
      : 'fit with prefactor: needs ≥ 3 temperatures with a median',
  ];
  return toTable(rows) + lines.join('\n') + '\n';
}
