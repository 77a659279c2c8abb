/**
 * `lab sgd-map`: escape fraction and escape times over (start fraction f of the weak mode's saddle,
 * lr/B) under minibatch SGD, beside plain GD and Langevin at the matched temperature
 * (experiments/sgdEscape.ts). Setup: Ersoy–Wiesner 2-10-10-2, η = (0.9, 0.8), 512 samples with
 * Σyy = I, inputs whitened on the sample (so the weak mode's saddle is exact), lr fixed, B varied.
 */
import { parseInteger, parseList, parseNumber, parseOptions, parsePositive, UsageError, type OptionSpec } from './args';
import { toCsv, toTable, type Row } from './format';
import { startProgress } from './progress';

const options: OptionSpec = {
  fractions: { type: 'string' },
  'lr-over-b': { type: 'string' },
  lr: { type: 'string' },
  gamma: { type: 'string' },
  replicas: { type: 'string' },
  steps: { type: 'string' },
  seed: { type: 'string' },
  'no-langevin': { type: 'boolean' },
  json: { type: 'boolean' },
  csv: { type: 'boolean' },
};

const SAMPLES = 512;

export async function sgdMapCommand(argv: string[]): Promise<string> {
  const values = parseOptions(argv, options);
  // f = 0 (the exact trap, the negative control) is allowed: not parseList, which wants positives
  const fractions =
    values.fractions === undefined
      ? [0, 0.5, 0.7, 0.9, 1.02]
      : String(values.fractions)
          .split(',')
          .map((part) => parseNumber(part, 'fractions'));
  if (fractions.some((f) => !(f >= 0 && f <= 10)) || fractions.length > 32) throw new UsageError('--fractions: up to 32 values in [0, 10]');
  const lr = parsePositive(values.lr, 'lr', 0.08, 1);
  const ratios = values['lr-over-b'] === undefined ? [lr / 64, lr / 16, lr / 4, lr / 2] : parseList(values['lr-over-b'], 'lr-over-b');
  if (ratios.length > 16) throw new UsageError('--lr-over-b: at most 16 values');
  const batches = ratios.map((x) => {
    if (!(x > 0)) throw new UsageError('--lr-over-b values must be > 0');
    const b = Math.round(lr / x);
    if (b < 1 || b > SAMPLES) throw new UsageError(`--lr-over-b ${x} needs a batch of ${lr / x} at lr ${lr}: batches run 1…${SAMPLES}`);
    return b;
  });
  const gamma = parsePositive(values.gamma, 'gamma', 0.25, 0.4);
  const replicas = parseInteger(values.replicas, 'replicas', { min: 1, max: 1024 }, 64);
  const steps = parseInteger(values.steps, 'steps', { min: 10, max: 200_000 }, 2000);
  const seed = parseInteger(values.seed, 'seed', { min: 0, max: 2 ** 31 - 1 }, 1);
  if (replicas * steps * fractions.length * batches.reduce((s, b) => s + b, 0) > 2e10)
    throw new UsageError('this map is too large for one run: fewer --replicas, --steps, --fractions or smaller batches');

  const [{ makeTeacherDataset, ersoyWiesnerPreset }, { createTrainer }, { initBackend }, { sgdEscapeMap }] = await Promise.all([
    import('../data'),
    import('../engine'),
    import('../engine/backends'),
    import('../experiments/sgdEscape'),
  ]);
  await initBackend('wasm');
  const data = makeTeacherDataset({ ...ersoyWiesnerPreset(seed), whiten: true });
  const progress = startProgress('sgd-map');
  const map = await sgdEscapeMap(createTrainer, {
    net: { inputDim: 2, outputDim: 2, hiddenWidths: [10, 10], activation: 'linear' },
    data,
    gamma,
    lr,
    fractions,
    batches,
    replicas,
    steps,
    checkEvery: 10,
    feature: 1,
    seed,
    langevin: !values['no-langevin'],
    onProgress: progress.update,
  }).finally(progress.stop);
  const matching = 'T = (lr/2B)·σ̄²·(N − B)/(N − 1), σ̄² = mean per-parameter per-sample gradient variance at the start state';
  if (values.json) {
    return (
      JSON.stringify({
        setup: { net: '2-10-10-2 linear', eta: [0.9, 0.8], samples: SAMPLES, whitened: true, gamma, lr, replicas, steps, seed, matching },
        ...map,
      }) + '\n'
    );
  }
  const rows: Row[] = [];
  for (const r of map.rows) {
    rows.push({ f: r.fraction, noise: 'GD', 'lr/B | T': null, escaped: `${r.gd.escaped}/${r.gd.replicas}`, median: r.gd.medianEscaped, latest: r.gd.latest });
    for (const c of r.sgd)
      rows.push({
        f: r.fraction,
        noise: `SGD B=${c.batch}`,
        'lr/B | T': c.lrOverB,
        escaped: `${c.escaped}/${c.replicas}`,
        median: c.medianEscaped,
        latest: c.latest,
      });
    for (const c of r.langevin ?? [])
      rows.push({
        f: r.fraction,
        noise: `Langevin (B=${c.batch})`,
        'lr/B | T': c.temperature,
        escaped: `${c.escaped}/${c.replicas}`,
        median: c.medianEscaped,
        latest: c.latest,
      });
  }
  if (values.csv) return toCsv(rows);
  return (
    toTable(rows) +
    [
      `weak feature η̂₂ = ${map.weakEta.toPrecision(4)} at γ = ${gamma}: saddle p = ${map.saddle.toPrecision(4)}, learned p = ${map.learned.toPrecision(4)}, escape = σ₂(M) > ${map.threshold.toPrecision(4)} within ${steps} steps`,
      `matched Langevin: ${matching} (σ̄² = ${map.rows.map((r) => r.gradientVariance.toPrecision(3)).join(', ')} by f)`,
      'median/latest: over the escaped replicas (steps)',
    ].join('\n') +
    '\n'
  );
}
