/**
 * `lab theory`: the thresholds of every feature (docs/physics.md §2–§3, §6).
 * - linear, spectrum only: the closed forms (whitened population).
 * - with dataset options (--input-dim, --output-dim, --samples, --seed, --no-whiten, --label-noise): the exact
 *   theory of that training sample (physics/sampleTheory.ts), beside the per-mode approximation
 *   (labelled as one) when the sample is not whitened.
 * - --activation tanh|relu: each mode carries `localThreshold` (D = 1; the origin stays a local
 *   minimum for every γ > 0 at D ≥ 2); the linear numbers move under `linearReference`, labelled
 *   "linear theory, for reference", because they do not apply to the nonlinear net.
 */
import { makeTeacherDataset } from '../data';
import { criticalGamma, pJump, reluLocalThreshold, sampleTheory, smoothLocalThresholds, spinodalGamma, theoryTable, type Activation } from '../physics';
import { parseChoice, parseInteger, parseNumber, parseOptions, parseSpectrum, UsageError, type OptionSpec } from './args';
import { toCsv, toTable, type Row } from './format';

const options: OptionSpec = {
  depth: { type: 'string' },
  spectrum: { type: 'string' },
  activation: { type: 'string' },
  'input-dim': { type: 'string' },
  'output-dim': { type: 'string' },
  samples: { type: 'string' },
  seed: { type: 'string' },
  'no-whiten': { type: 'boolean' },
  'label-noise': { type: 'string' },
  json: { type: 'boolean' },
  csv: { type: 'boolean' },
};

const LINEAR_REFERENCE = 'linear theory, for reference';
const APPROXIMATION = 'per-mode approximation (a_k = v_kᵀΣxx v_k; ignores couplings and rotation)';

interface ModeOut {
  eta: number;
  gammaC: number | null;
  gammaSpinodal: number | null;
  pJump: number | null;
  normSqJump?: number | null;
  approximation?: { label: string; gammaC: number | null; gammaSpinodal: number | null; pJump: number | null };
}

export function theoryCommand(argv: string[]): string {
  const values = parseOptions(argv, options);
  const depth = parseInteger(values.depth, 'depth', { min: 0, max: 6 });
  const spectrum = parseSpectrum(values.spectrum);
  const activation = parseChoice(values.activation, 'activation', ['linear', 'tanh', 'relu'] as const, 'linear') as Activation;
  const sampled =
    values['input-dim'] !== undefined ||
    values['output-dim'] !== undefined ||
    values.samples !== undefined ||
    values.seed !== undefined ||
    values['no-whiten'] !== undefined ||
    values['label-noise'] !== undefined;
  if (activation !== 'linear' && depth === 0) throw new UsageError('--activation needs a hidden layer (D ≥ 1)');

  let modes: ModeOut[];
  let source: 'population (whitened, closed forms)' | 'sample (exact)' = 'population (whitened, closed forms)';
  let sample: { inputDim: number; outputDim: number; samples: number; seed: number; whiten: boolean; labelNoise: number } | null = null;
  let data: ReturnType<typeof makeTeacherDataset> | null = null;
  if (sampled) {
    const inputDim = parseInteger(values['input-dim'], 'input-dim', { min: spectrum.length, max: 256 }, Math.max(spectrum.length, 2));
    const samples = parseInteger(values.samples, 'samples', { min: inputDim, max: 100_000 }, 256);
    const seed = parseInteger(values.seed, 'seed', { min: 0, max: 2 ** 31 - 1 }, 1);
    const labelNoise = parseNumber(values['label-noise'], 'label-noise', 0);
    if (!(labelNoise >= 0)) throw new UsageError('--label-noise must be ≥ 0');
    const whiten = values['no-whiten'] !== true;
    // the live lab's default is 5 → 3 with one feature: --output-dim reproduces its sample exactly
    const outputDim = parseInteger(values['output-dim'], 'output-dim', { min: spectrum.length, max: 256 }, spectrum.length);
    sample = { inputDim, outputDim, samples, seed, whiten, labelNoise };
    data = makeTeacherDataset({ inputDim, outputDim, spectrum, labelNoise, trainSize: samples, testSize: 1, whiten, seed });
    // the function the live lab's theory worker calls too (worker/liveTheory.ts → physics/sampleOverlay.ts)
    const exact = sampleTheory({ inputDim, outputDim, sxx: data.train.sxx, syx: data.train.syx }, depth, { maxRank: spectrum.length });
    source = 'sample (exact)';
    const eta = data.syxSvd.values;
    modes = exact.modes.map((mode, k) => {
      const a = data!.inputStrength[k];
      const out: ModeOut = {
        eta: eta[k],
        gammaC: mode.gammaC,
        gammaSpinodal: depth >= 2 ? mode.gammaSpinodal : null,
        pJump: mode.pJump,
        normSqJump: mode.normSqJump,
      };
      if (!whiten && depth >= 1) {
        out.approximation = {
          label: APPROXIMATION,
          gammaC: criticalGamma(depth, eta[k], a),
          gammaSpinodal: depth >= 2 ? spinodalGamma(depth, eta[k], a) : null,
          pJump: depth >= 2 ? pJump(depth, eta[k], a) : 0,
        };
      }
      return out;
    });
  } else {
    modes = theoryTable(depth, spectrum).modes.map((mode) => ({ eta: mode.eta, gammaC: mode.gammaC, gammaSpinodal: mode.gammaSpinodal, pJump: mode.pJump }));
  }
  const transition = depth === 0 ? 'none' : depth === 1 ? 'second-order' : 'first-order';

  if (activation === 'linear') {
    const result = { depth, activation, transition, source, sample, modes };
    if (values.json) return JSON.stringify(result) + '\n';
    if (values.csv) return toCsv(modes.map(flatRow));
    const note =
      depth === 0
        ? 'D = 0 (ridge regression): no transition; p = η/(1+γ) is smooth in γ.\n'
        : depth === 1
          ? 'D = 1: second-order transition at γ_c (= η when whitened); no spinodal, no jump.\n'
          : `D = ${depth}: first-order transitions; the learned state stays metastable up to γ_sp.\n`;
    const where = sample
      ? `exact theory of the sample (N = ${sample.samples}, ${sample.inputDim} → ${sample.outputDim}, ${sample.whiten ? 'whitened' : 'not whitened'}, seed ${sample.seed})\n`
      : '';
    return where + note + toTable(modes.map(flatRow));
  }

  // nonlinear: local thresholds only; the linear numbers are a labelled reference
  let local: (number | null)[];
  let localNote: string;
  if (depth >= 2) {
    local = modes.map(() => null);
    localNote = `D = ${depth}: the origin is a local minimum for every γ > 0 (Hessian 2γ·I) for any σ with σ(0) = 0; no closed form for the learned branch — measure it.`;
  } else if (activation === 'tanh') {
    local = smoothLocalThresholds(
      'tanh',
      modes.map((m) => m.eta),
    );
    localNote = 'D = 1, tanh: direction k of the origin goes unstable at γ = κ·η_k, κ = tanh′(0) = 1 (continuous).';
  } else if (data) {
    const relu = reluLocalThreshold(data.trainX, data.trainY, data.trainSize, data.inputDim, data.outputDim);
    local = modes.map((_, k) => (k === 0 ? relu.gamma : null));
    localNote =
      'D = 1, ReLU: the origin loses stability at γ = max over unit û of ‖E[y·relu(ûᵀx)]‖, maximised on this sample (higher modes: no local criterion).';
  } else {
    local = modes.map((m, k) => (k === 0 ? m.eta / 2 : null));
    localNote = 'D = 1, ReLU, whitened Gaussian population: γ = max_û ‖E[y·relu(ûᵀx)]‖ = η₁/2 (pass --samples … to compute it on a sample).';
  }
  const nonlinearModes = modes.map((m, k) => ({
    eta: m.eta,
    localThreshold: local[k],
    linearReference: { label: LINEAR_REFERENCE, gammaC: m.gammaC, gammaSpinodal: m.gammaSpinodal, pJump: m.pJump },
  }));
  const result = { depth, activation, source, sample, localThresholdNote: localNote, modes: nonlinearModes };
  if (values.json) return JSON.stringify(result) + '\n';
  const rows: Row[] = nonlinearModes.map((m) => ({
    eta: m.eta,
    localThreshold: m.localThreshold,
    'linear γ_c (reference)': m.linearReference.gammaC,
    'linear γ_sp (reference)': m.linearReference.gammaSpinodal,
  }));
  if (values.csv) return toCsv(rows);
  return `${localNote}\nLinear columns: ${LINEAR_REFERENCE} — they do not apply to a ${activation} net.\n` + toTable(rows);
}

function flatRow(mode: ModeOut): Row {
  const row: Row = { eta: mode.eta, gammaC: mode.gammaC, gammaSpinodal: mode.gammaSpinodal, pJump: mode.pJump };
  if (mode.approximation) {
    row['approx gammaC'] = mode.approximation.gammaC;
    row['approx gammaSpinodal'] = mode.approximation.gammaSpinodal;
  }
  return row;
}
