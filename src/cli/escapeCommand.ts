/**
 * `lab escape`: escape times out of a metastable trap under Langevin or minibatch-SGD noise, and
 * their censored Arrhenius fits (experiments/arrhenius.ts, the same analysis as the app's).
 */
import {
  KERNEL_OPTION,
  parseKernel,
  parseChoice,
  ensureBudget,
  MAX_LR,
  MAX_STRENGTH,
  parseInteger,
  parseList,
  parseNumber,
  parseOptions,
  parsePositive,
  parseSpectrum,
  UsageError,
  type OptionSpec,
} from './args';
import { toCsv, toTable, type Row } from './format';
import { startProgress } from './progress';
import { prepareKernel } from './kernel';
import { arrheniusStatistics } from '../experiments/arrhenius';
import { barrierFromOrigin, criticalGamma, spinodalGamma, stationaryPoints } from '../physics';
import { workloadOf } from '../budget/jobs';

/** the CLI's escape dataset: 256 training samples */
const SAMPLES = 256;

/**
 * Langevin temperatures when --temperatures is omitted: B/T = 4 … 9 from the exact barrier. Measured on the
 * clean trap (D = 2, width 1, γ = 0.25, lr 0.1; README): B/T < 4 bends the plain fit low (B/T from 2.5:
 * −3 %), and a temperature colder than the run can reach (B/T = 12–16 at 150 000 steps: 9 and 0 of 512
 * escaped) costs as much as any other and adds almost nothing; replicas narrow the interval most cheaply.
 */
export const DEFAULT_BARRIER_RATIOS = [4, 5, 6, 7, 8, 9] as const;

export const ESCAPE_HELP = `lab escape: escape times out of a metastable trap and their censored Arrhenius fit
  --depth D --spectrum η1,η2,… --gamma G   the trap (required: depth and gamma)
  --temperatures T1,T2,…   Langevin temperatures (default: B/T = ${DEFAULT_BARRIER_RATIOS.join(', ')} from the exact barrier B)
  --replicas R (64)  --steps N (20000)  --lr LR (0.05)  --width W (spectrum length)  --feature K (last)
  --seed S (1)  --check-every N (10)  --bootstrap N (200 resamples)  --transit STEPS (default: estimated)
  --trap-from G0 [--trap-steps N] | --start-fraction F   how the trap is prepared (default: exactly trapped)
  --noise langevin|sgd [--batch B]   --kernel auto|tfjs|js|wasm-simd|webgpu   --json | --csv
The interval on B narrows as 1/√(escapes): ±2 % on the clean trap needs ~2 000 replicas per temperature
(README: "precise" command, B/T 4 … 9, 2 048 replicas × 30 000 steps at lr 0.1).
`;

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
  noise: { type: 'string' },
  batch: { type: 'string' },
  'start-fraction': { type: 'string' },
  transit: { type: 'string' },
  bootstrap: { type: 'string' },
  json: { type: 'boolean' },
  csv: { type: 'boolean' },
  help: { type: 'boolean' },
  ...KERNEL_OPTION,
};

export async function escapeCommand(argv: string[]): Promise<string> {
  const values = parseOptions(argv, options);
  if (values.help) return ESCAPE_HELP;
  const depth = parseInteger(values.depth, 'depth', { min: 2, max: 6 });
  const spectrum = parseSpectrum(values.spectrum);
  const gamma = parsePositive(values.gamma, 'gamma', undefined, MAX_STRENGTH);
  const noise = parseChoice(values.noise, 'noise', ['langevin', 'sgd'] as const, 'langevin');
  const lrForNoise = parsePositive(values.lr, 'lr', 0.05, MAX_LR);
  const batch = noise === 'sgd' ? parseInteger(values.batch, 'batch', { min: 1, max: 1 << 20 }, 1) : undefined;
  if (noise === 'langevin' && values.batch !== undefined) throw new UsageError('--batch applies to --noise sgd only');
  // SGD has no temperature of its own: its scale is lr/batch (one group unless temperatures are listed as labels)
  const feature = parseInteger(values.feature, 'feature', { min: 1, max: spectrum.length }, spectrum.length) - 1;
  const trapBarrier = barrierFromOrigin(depth, spectrum[feature], gamma);
  const temperatures =
    values.temperatures !== undefined
      ? parseList(values.temperatures, 'temperatures')
      : noise === 'sgd'
        ? [lrForNoise / (batch as number)]
        : // no barrier (γ past the spinodal): the trap check below says so
          DEFAULT_BARRIER_RATIOS.map((x) => (trapBarrier ?? 0) / x).filter((T) => T > 0);
  const startFraction = values['start-fraction'] === undefined ? undefined : parseNumber(values['start-fraction'], 'start-fraction');
  if (startFraction !== undefined && !(startFraction >= 0)) throw new UsageError('--start-fraction must be ≥ 0');
  const transit = values.transit === undefined ? undefined : parseNumber(values.transit, 'transit');
  if (transit !== undefined && !(transit >= 0)) throw new UsageError('--transit must be ≥ 0 (steps)');
  const bootstrap = parseInteger(values.bootstrap, 'bootstrap', { min: 0, max: 10_000 }, 200);
  if (temperatures.length > 256) throw new UsageError(`--temperatures takes at most 256 values, got ${temperatures.length}`);
  const replicas = parseInteger(values.replicas, 'replicas', { min: 1, max: 4096 }, 64);
  const steps = parseInteger(values.steps, 'steps', { min: 1, max: 100_000_000 }, 20_000);
  const width = parseInteger(values.width, 'width', { min: spectrum.length, max: 256 }, spectrum.length);
  const lr = lrForNoise;
  const seed = parseInteger(values.seed, 'seed', { min: 0, max: 2 ** 31 - 1 }, 1);
  const kernel = parseKernel(values.kernel);
  const checkEvery = parseInteger(values['check-every'], 'check-every', { min: 1, max: 1_000_000 }, 10);
  const trapFromGamma = values['trap-from'] === undefined ? undefined : parsePositive(values['trap-from'], 'trap-from', undefined, MAX_STRENGTH);
  const trapSteps = parseInteger(values['trap-steps'], 'trap-steps', { min: 1, max: 10_000_000 }, 5000);
  if (startFraction !== undefined && values['trap-from'] !== undefined)
    throw new UsageError('--start-fraction and --trap-from are two ways to set the start: give one');
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
    throw new UsageError(
      `γ = ${gamma} is above the spinodal γ_sp = ${spinodalGamma(depth, eta)?.toPrecision(5)} of feature ${feature + 1}: there is no learned state to escape to`,
    );
  }
  const trapSpinodal = spinodalGamma(depth, eta) ?? 0;
  if (trapFromGamma !== undefined && trapFromGamma <= trapSpinodal) {
    throw new UsageError(
      `--trap-from ${trapFromGamma} must lie above the spinodal γ_sp = ${trapSpinodal.toPrecision(5)} of feature ${feature + 1}, or the feature is not switched off`,
    );
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
  await prepareKernel(kernel);
  const progress = startProgress(`escape D=${depth} γ=${gamma} ${noise}`);
  const runs = await escapeExperiment((config) => createTrainer({ ...config, kernel }), {
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
    trappedStart: startFraction === undefined ? 0 : startFraction * saddle,
    noise: noise === 'sgd' ? { kind: 'sgd', batchSize: batch as number } : { kind: 'langevin' },
    checkEvery,
    seed,
    onProgress: progress.update,
  }).finally(progress.stop);

  const stats = arrheniusStatistics(runs, { steps, transit, barrier, bootstrap, seed });
  const fit = stats.plain && {
    slope: stats.plain.slope,
    intercept: stats.plain.intercept,
    r2: stats.plain.r2,
    ci95: stats.plain.ci95,
    logLikelihood: stats.plain.logLikelihood,
  };
  const fitWithPrefactor = stats.withPrefactor && {
    slope: stats.withPrefactor.slope,
    k: stats.withPrefactor.k,
    intercept: stats.withPrefactor.intercept,
    r2: stats.withPrefactor.r2,
    ci95: stats.withPrefactor.ci95,
    kCi95: stats.withPrefactor.kCi95,
    logLikelihood: stats.withPrefactor.logLikelihood,
  };
  const result = {
    noise: noise === 'sgd' ? { kind: 'sgd', batch, lrOverBatch: lr / (batch as number) } : { kind: 'langevin' },
    startFraction: startFraction ?? null,
    trappedStart: startFraction === undefined ? 0 : startFraction * saddle,
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
    fitMethod: 'censored exponential maximum likelihood over all temperatures; bootstrap 95 % intervals (replicas resampled within each temperature)',
    transit: stats.transit,
    fit,
    fitWithPrefactor,
    temperaturesFitted: stats.points,
    warnings: stats.warnings,
  };
  if (values.json) return JSON.stringify(result) + '\n';
  const rows: Row[] = runs.map((run) => ({
    T: run.T,
    '1/T': 1 / run.T,
    median: run.median,
    mean: run.mean,
    escaped: run.escapeTimes.length - run.censored,
    censored: run.censored,
    replicas: run.escapeTimes.length,
  }));
  if (values.csv) return toCsv(rows);
  const ci = (c: [number, number] | null, slope?: number) =>
    c
      ? ` [${c[0].toPrecision(4)}, ${c[1].toPrecision(4)}]${slope !== undefined && slope > 0 ? ` (±${((50 * (c[1] - c[0])) / slope).toFixed(1)} %, exact B ${c[0] <= barrier && barrier <= c[1] ? 'inside' : 'outside'})` : ''}`
      : ' [no interval]';
  const lines = [
    `noise: ${noise === 'sgd' ? `minibatch SGD, batch ${batch}, lr/B = ${(lr / (batch as number)).toPrecision(3)} (no temperature: T labels are lr/B)` : 'Langevin'}`,
    `trap: feature ${feature + 1} (η = ${eta}) at p = ${startFraction === undefined ? 0 : `${startFraction} × saddle = ${(startFraction * saddle).toPrecision(4)}`}, γ = ${gamma}; saddle p = ${saddle.toPrecision(4)}, learned p = ${learned.toPrecision(4)}, threshold ${threshold.toPrecision(4)} (on the feature's singular value of M)`,
    `theory barrier B = ${barrier.toPrecision(5)}${gamma < gammaC ? '' : `  (γ ≥ γ_c = ${gammaC.toPrecision(5)}: escape leads to a HIGHER loss)`}`,
    `transit offset t_transit = ${stats.transit.steps.toPrecision(4)} steps (${stats.transit.source === 'given' ? 'given by --transit' : 'estimated: the earliest escape'}); τ below is the activated part`,
    fit
      ? `censored ML fit ln τ = B/T + c:          B = ${fit.slope.toPrecision(4)}, 95 %${ci(fit.ci95, fit.slope)}`
      : 'fit: no maximum-likelihood fit (needs escapes at ≥ 2 temperatures)',
    fitWithPrefactor
      ? `censored ML fit ln τ = B/T + k ln T + c:  B = ${fitWithPrefactor.slope.toPrecision(4)}, 95 %${ci(fitWithPrefactor.ci95, fitWithPrefactor.slope)}; k = ${fitWithPrefactor.k.toPrecision(3)}, 95 %${ci(fitWithPrefactor.kCi95)}`
      : 'fit with prefactor: needs escapes at ≥ 3 temperatures',
    ...stats.warnings.map((w) => `warning: ${w}`),
  ];
  return toTable(rows) + lines.join('\n') + '\n';
}
