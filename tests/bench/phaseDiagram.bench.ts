/**
 * Benchmark: time to the default phase diagram (128 γ × D = 1, 2, 3 × learned/trivial starts, run
 * to convergence) on each Node backend, and batched vs sequential. Sequential = the same replicas
 * one at a time (R = 1 trainers, the same number of steps as the batched run needed); it is timed
 * on a sample of replicas and scaled to all 768, which the output says.
 *   npm run bench:diagram [-- --json]
 */
import { initBackend, type BackendName } from '../../src/engine/backends';
import { createTrainer } from '../../src/engine';
import { makeTeacherDataset } from '../../src/data';
import { learnedStart } from '../../src/experiments/sweep';
import { phaseDiagram } from '../../src/experiments/phaseDiagram';

const json = process.argv.includes('--json');
const gammas = Array.from({ length: 128 }, (_, i) => 0.005 + (i * 1.2) / 127);
const depths = [1, 2, 3];
const data = makeTeacherDataset({ inputDim: 5, outputDim: 1, spectrum: [1], labelNoise: 0, trainSize: 512, testSize: 512, whiten: true, seed: 3 });
const SAMPLE = 12;

interface Row {
  backend: string;
  batchedSeconds: number;
  stepsPerDepth: number[];
  sequentialSecondsEstimated: number;
  sequentialSample: number;
  ratio: number;
}

const rows: Row[] = [];
for (const backend of ['wasm', 'cpu'] as BackendName[]) {
  await initBackend(backend);
  const settings = { depths, gammas, data, width: 4, lr: 0.1, chunk: 250, tolerance: 1e-4, maxSteps: 20_000 };
  await phaseDiagram(createTrainer, { ...settings, depths: [2], gammas: gammas.slice(0, 8), maxSteps: 500 }); // warm-up
  const t0 = performance.now();
  const diagrams = await phaseDiagram(createTrainer, settings);
  const batchedSeconds = (performance.now() - t0) / 1000;
  const stepsPerDepth = diagrams.map((d) => d.steps);

  // sequential: SAMPLE single-replica trainers per depth, each for that depth's step count
  let sampledSeconds = 0;
  for (const [index, depth] of depths.entries()) {
    const net = { inputDim: 5, outputDim: 1, hiddenWidths: Array(depth).fill(4), activation: 'linear' as const };
    for (let s = 0; s < SAMPLE; s++) {
      const gamma = gammas[Math.floor((s * gammas.length) / SAMPLE)];
      const start = performance.now();
      const trainer = await createTrainer({ net, data, optimizer: 'gd', lr: 0.1, replicas: [{ gamma, temperature: 0, noiseSeed: s, init: { kind: 'weights', weights: learnedStart(net, data) } }] });
      for (let done = 0; done < stepsPerDepth[index]; done += 250) await trainer.run(250);
      trainer.dispose();
      sampledSeconds += (performance.now() - start) / 1000;
    }
  }
  const sequentialSecondsEstimated = (sampledSeconds / (SAMPLE * depths.length)) * gammas.length * 2 * depths.length;
  rows.push({ backend, batchedSeconds, stepsPerDepth, sequentialSecondsEstimated, sequentialSample: SAMPLE * depths.length, ratio: sequentialSecondsEstimated / batchedSeconds });
}

if (json) {
  console.log(JSON.stringify({ job: '128 γ × D=1,2,3 × 2 starts, to convergence', rows }, null, 2));
} else {
  console.log('Default phase diagram: 128 γ × D = 1, 2, 3 × (learned, trivial) = 768 replicas, linear 5-4…-1 nets, 512 samples');
  console.log('backend  batched (s)  steps per depth       sequential (s, est.)  speed-up (seq ÷ batched)');
  for (const r of rows) {
    console.log(`${r.backend.padEnd(7)}  ${r.batchedSeconds.toFixed(2).padStart(11)}  ${r.stepsPerDepth.join(', ').padEnd(20)}  ${r.sequentialSecondsEstimated.toFixed(1).padStart(20)}  ${r.ratio.toFixed(0).padStart(19)}×`);
  }
  console.log(`(sequential is timed on ${rows[0]?.sequentialSample} single-replica runs and scaled to 768; tfjs webgl/webgpu need a browser)`);
}
