/**
 * `lab nonlinear`: the measured phase diagram of tanh or relu nets (docs/physics.md §6) at
 * D = 1, 2, 3 from both starts, with the local threshold of the trivial state (D = 1) and the
 * verdict: does the first-order mechanism survive the nonlinearity, with which thresholds?
 */
import { makeTeacherDataset } from '../data';
import { createTrainer } from '../engine';
import { phaseDiagram } from '../experiments/phaseDiagram';
import { nonlinearVerdict, type NonlinearVerdict } from '../experiments/nonlinearDiagram';
import { reluLocalThreshold, smoothLocalThresholds, criticalGamma, spinodalGamma } from '../physics';
import { workloadOf } from '../budget/jobs';
import { ensureBudget, parseChoice, parseInteger, parseList, parseOptions, parsePositive, UsageError, type OptionSpec } from './args';
import { toCsv, toTable, type Row } from './format';
import { startProgress } from './progress';

const options: OptionSpec = {
  activation: { type: 'string' },
  depths: { type: 'string' },
  points: { type: 'string' },
  'gamma-max': { type: 'string' },
  width: { type: 'string' },
  samples: { type: 'string' },
  steps: { type: 'string' },
  lr: { type: 'string' },
  seed: { type: 'string' },
  json: { type: 'boolean' },
  csv: { type: 'boolean' },
};

export async function nonlinearCommand(argv: string[]): Promise<string> {
  const values = parseOptions(argv, options);
  const activation = parseChoice(values.activation, 'activation', ['tanh', 'relu'] as const, 'tanh');
  const depths = values.depths === undefined ? [1, 2, 3] : parseList(values.depths, 'depths');
  if (!depths.every((d) => Number.isInteger(d) && d >= 1 && d <= 6)) throw new UsageError('--depths takes integers 1…6');
  const points = parseInteger(values.points, 'points', { min: 4, max: 512 }, 48);
  const gammaMax = parsePositive(values['gamma-max'], 'gamma-max', 1.2, 100);
  const width = parseInteger(values.width, 'width', { min: 1, max: 64 }, 4);
  const samples = parseInteger(values.samples, 'samples', { min: 8, max: 4096 }, 256);
  const steps = parseInteger(values.steps, 'steps', { min: 100, max: 1_000_000 }, 6000);
  const lr = parsePositive(values.lr, 'lr', 0.1, 10);
  const seed = parseInteger(values.seed, 'seed', { min: 0, max: 2 ** 31 - 1 }, 3);
  const inputDim = 5;
  ensureBudget([
    {
      flag: '--points',
      value: points,
      workloadAt: (n) => depths.map((d) => workloadOf({ inputDim, outputDim: 1, depth: d, width }, 2 * n, samples, steps, samples)),
    },
  ]);
  const data = makeTeacherDataset({ inputDim, outputDim: 1, spectrum: [1], labelNoise: 0, trainSize: samples, testSize: 64, whiten: true, seed });
  const gammas = Array.from({ length: points }, (_, i) => (gammaMax * (i + 1)) / points);
  const eta = data.syxSvd.values[0];
  const localThreshold =
    activation === 'relu' ? reluLocalThreshold(data.trainX, data.trainY, samples, inputDim, 1).gamma : smoothLocalThresholds(activation, [eta])[0];
  const progress = startProgress(`nonlinear ${activation}`);
  const diagrams = await phaseDiagram(createTrainer, {
    depths,
    gammas,
    data,
    width,
    lr,
    chunk: 250,
    tolerance: 1e-5,
    maxSteps: steps,
    activation,
    onProgress: progress.update,
  });
  progress.stop();
  const rows = diagrams.map((d) => {
    const verdict: NonlinearVerdict = nonlinearVerdict(d, 0, eta);
    return {
      ...verdict,
      localThreshold: d.depth === 1 ? localThreshold : null,
      converged: d.converged,
      steps: d.steps,
      linearReference: { label: 'linear theory, for reference', gammaC: criticalGamma(d.depth, eta), gammaSpinodal: spinodalGamma(d.depth, eta) },
      learned: d.learned.map((p) => [p.gamma, p.modeOverlaps[0]]),
      trivial: d.trivial.map((p) => [p.gamma, p.modeOverlaps[0]]),
    };
  });
  const result = {
    activation,
    orderParameter: 'u₁ᵀ M v₁ with M = Cov(f(x), x)·Σxx⁻¹, the linear response of the trained net on the training inputs',
    data: { inputDim, outputDim: 1, eta, samples, whitened: true },
    width,
    lr,
    depths: rows,
  };
  if (values.json) return JSON.stringify(result) + '\n';
  const table: Row[] = rows.map((r) => ({
    D: r.depth,
    kind: r.kind,
    'local threshold': r.localThreshold === null ? '—' : r.localThreshold.toFixed(4),
    'learned drops at': r.drop === null ? '—' : r.drop.toFixed(4),
    jump: r.jump.toFixed(4),
    'trivial rises up to': r.rise === null ? 'never' : r.rise.toFixed(4),
    window: r.window ? `${r.window.from.toFixed(3)}–${r.window.to.toFixed(3)}` : '—',
    'linear γ_sp (ref.)': r.linearReference.gammaSpinodal === null ? '—' : r.linearReference.gammaSpinodal.toFixed(4),
    converged: r.converged ? 'yes' : `no (${r.steps} steps)`,
  }));
  return values.csv
    ? toCsv(table)
    : `${toTable(table)}\n${activation}, η̂ = ${eta.toFixed(4)} on ${samples} whitened samples, width ${width}; order parameter: ${result.orderParameter}\n`;
}
