/** The papers' CLI commands (grokking, sgd-map, paper-protocol, vae): bad arguments and JSON shape. */
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');

function lab(...args: string[]) {
  const result = spawnSync(tsx, ['src/cli/main.ts', ...args], { cwd: root, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('papers CLI: bad arguments exit 2 with one line', () => {
  const cases: Array<[string, string[]]> = [
    ['grokking: ε scale at γ = 0', ['grokking', '--epsilon-scale', '2', '--gamma', '0']],
    ['grokking: both ε options', ['grokking', '--epsilon', '0.01', '--epsilon-scale', '2']],
    ['sgd-map: lr/B needs a batch < 1', ['sgd-map', '--lr-over-b', '0.5']],
    ['sgd-map: negative fraction', ['sgd-map', '--fractions', '-1']],
    ['paper-protocol: bad convention', ['paper-protocol', '--convention', 'keras']],
    ['vae: depth 0', ['vae', '--depth', '0']],
    ['vae: --eta while sweeping η', ['vae', '--eta', '0.5']],
  ];
  for (const [name, args] of cases) {
    it(name, () => {
      const { code, stdout, stderr } = lab(...args);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr.trim().split('\n')).toHaveLength(1);
    });
  }
});

describe('papers CLI: JSON', () => {
  it('vae --gamma 0 --depth 1: both sweeps equal the closed form', () => {
    const { code, stdout } = lab('vae', '--depth', '1', '--gamma', '0', '--from', '0.2', '--to', '0.8', '--points', '4', '--json');
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    out.closedForm.forEach((cf: number, i: number) => {
      expect(out.towardsCollapse[i].order).toBeCloseTo(cf, 4);
      expect(out.towardsUse[i].order).toBeCloseTo(cf, 4);
    });
    expect(out.verdict).toMatch(/^continuous/);
  });

  it('grokking --seeds 2 --json: per-seed rows and mean ± sd', () => {
    const { code, stdout } = lab('grokking', '--seeds', '2', '--json');
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.rows).toHaveLength(2);
    expect(out.rows[0]).toHaveProperty('escapeStep');
    expect(out.rows[0]).toHaveProperty('twinEscapeStep');
    expect(out.plateauGap).toHaveProperty('sd');
    expect(out.finalGap.n).toBe(2);
  }, 30_000);
});
