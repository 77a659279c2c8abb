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

describe('lab: bad arguments', () => {
  const cases: Array<[string, string[]]> = [
    ['unknown command', ['frobnicate']],
    ['no command', []],
    ['negative width', ['sweep', '--depth', '2', '--gamma', '0.1:0.5:0.1', '--width', '-3']],
    ['depth 40', ['theory', '--depth', '40']],
    ['reversed gamma range', ['sweep', '--depth', '2', '--gamma', '1:0:0.1']],
    ['not a number', ['theory', '--depth', 'two']],
    ['bad spectrum', ['theory', '--depth', '2', '--spectrum', '1,abc']],
    ['unknown option', ['theory', '--depth', '2', '--colour']],
    ['bad direction', ['sweep', '--depth', '2', '--gamma', '0.1:0.5:0.1', '--direction', 'sideways']],
  ];
  for (const [name, args] of cases) {
    it(`${name}: one line on stderr, exit 2, nothing on stdout`, () => {
      const { code, stdout, stderr } = lab(...args);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr.trim().length).toBeGreaterThan(10);
    });
  }
});

describe('lab theory', () => {
  it('D = 2 cascade as JSON matches docs/physics.md §3', () => {
    const { code, stdout } = lab('theory', '--depth', '2', '--spectrum', '1,0.6,0.3', '--json');
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.depth).toBe(2);
    expect(result.modes.map((m: { eta: number }) => m.eta)).toEqual([1, 0.6, 0.3]);
    const [first, second, third] = result.modes;
    expect(first.gammaC).toBeCloseTo(0.39685, 5);
    expect(first.gammaSpinodal).toBeCloseTo(0.47247, 5);
    expect(first.pJump).toBeCloseTo(0.5, 10);
    expect(second.gammaC).toBeCloseTo(0.20083, 5);
    expect(third.gammaC).toBeCloseTo(0.0797, 4);
  });
  it('D = 1 reports γ_c = η and no spinodal; D = 0 no transition', () => {
    const one = JSON.parse(lab('theory', '--depth', '1', '--spectrum', '0.7', '--json').stdout);
    expect(one.modes[0].gammaC).toBeCloseTo(0.7, 12);
    expect(one.modes[0].gammaSpinodal).toBeNull();
    const zero = JSON.parse(lab('theory', '--depth', '0', '--spectrum', '0.7', '--json').stdout);
    expect(zero.modes[0].gammaC).toBeNull();
  });
  it('CSV has a header and one row per mode', () => {
    const lines = lab('theory', '--depth', '3', '--spectrum', '1,0.5', '--csv').stdout.trim().split('\r\n');
    expect(lines[0]).toBe('eta,gammaC,gammaSpinodal,pJump');
    expect(lines).toHaveLength(3);
  });
});
