/**
 * The workload of one batched program of a linear net, for the shared budget (index.ts). The forms,
 * the CLI and the jobs worker (worker/jobs/budget.ts, one workload list per job kind) all size work
 * with this function, so a form and the worker never disagree.
 */
import { netSize, type Workload } from './index';

export interface NetShape {
  inputDim: number;
  outputDim: number;
  depth: number;
  width: number;
}

/**
 * A linear net trained full-batch (`batch` undefined) runs on the moments path: each step multiplies
 * by Σxx (inputDim rows) whatever the sample count; a minibatch of `batch` samples pushes that many.
 */
export function workloadOf(net: NetShape, replicas: number, samples: number, steps: number, batch?: number): Workload {
  const { parameters, units } = netSize({
    inputDim: net.inputDim,
    outputDim: net.outputDim,
    hiddenWidths: Array.from({ length: Math.max(0, Math.min(net.depth, 64)) }, () => net.width),
  });
  const rows = batch === undefined ? net.inputDim : Math.min(batch, samples);
  return { replicas, parameters, units, rows, samples, inputs: net.inputDim, steps };
}
