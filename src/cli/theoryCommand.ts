/** `lab theory`: the exact thresholds of every feature (physics.md §2–§3). */
import { theoryTable } from '../physics';
import { parseInteger, parseOptions, parseSpectrum, type OptionSpec } from './args';
import { toCsv, toTable } from './format';

const options: OptionSpec = {
  depth: { type: 'string' },
  spectrum: { type: 'string' },
  json: { type: 'boolean' },
  csv: { type: 'boolean' },
};

export function theoryCommand(argv: string[]): string {
  const values = parseOptions(argv, options);
  const depth = parseInteger(values.depth, 'depth', { min: 0, max: 6 });
  const spectrum = parseSpectrum(values.spectrum);
  const table = theoryTable(depth, spectrum);
  const modes = table.modes.map((mode) => ({
    eta: mode.eta,
    gammaC: mode.gammaC,
    gammaSpinodal: mode.gammaSpinodal,
    pJump: mode.pJump,
  }));
  const transition = depth === 0 ? 'none' : depth === 1 ? 'second-order' : 'first-order';
  if (values.json) return JSON.stringify({ depth, transition, modes }) + '\n';
  if (values.csv) return toCsv(modes);
  const note =
    depth === 0
      ? 'D = 0 (ridge regression): no transition; p = η/(1+γ) is smooth in γ.\n'
      : depth === 1
        ? 'D = 1: second-order transition at γ_c = η; no spinodal, no jump.\n'
        : `D = ${depth}: first-order transitions; the learned state stays metastable up to γ_sp.\n`;
  return note + toTable(modes);
}
