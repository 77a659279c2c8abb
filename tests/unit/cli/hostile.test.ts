/**
 * Issue 12: invocations that used to exit 0 with garbage, exit 1 with an internal message, or run
 * out of memory. Each must exit 2 with one clear line on stderr, quickly, and nothing on stdout.
 */
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');

function lab(...args: string[]) {
  const started = Date.now();
  // a memory ceiling: the old code grew to 11–24 GB on the budget cases; the fix never allocates
  const result = spawnSync(tsx, ['src/cli/main.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=512' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, ms: Date.now() - started };
}

const temperatures16 = Array.from({ length: 16 }, (_, i) => (0.001 * (i + 1)).toFixed(3)).join(',');

const cases: Array<[string, string[], RegExp]> = [
  ['toString is not a command', ['toString'], /unknown command 'toString'/],
  ['constructor is not a command', ['constructor'], /unknown command 'constructor'/],
  ['__proto__ is not a command', ['__proto__'], /unknown command '__proto__'/],
  ['hasOwnProperty is not a command', ['hasOwnProperty'], /unknown command 'hasOwnProperty'/],
  ['valueOf is not a command', ['valueOf'], /unknown command 'valueOf'/],
  ['an overflowing spectrum', ['theory', '--depth', '2', '--spectrum', '1e308'], /--spectrum entries must be at most/],
  ['a learning rate of 1e308', ['sweep', '--depth', '2', '--gamma', '0.1:0.3:0.1', '--lr', '1e308', '--json'], /--lr must be at most 10/],
  // within the bound but diverging: the old code printed nulls with exit 0
  [
    'a diverging learning rate',
    ['sweep', '--depth', '2', '--gamma', '0.1:0.2:0.1', '--lr', '9', '--steps', '200', '--json'],
    /training diverged at --lr 9 .*use a smaller --lr/,
  ],
  ['a negative depth', ['theory', '--depth', '-1'], /--depth must be between 0 and 6, got -1/],
  ['a negative width', ['sweep', '--depth', '2', '--gamma', '0.1:0.3:0.1', '--width', '-4'], /--width must be between 1 and 256, got -4/],
  [
    'escape: 4096 replicas × 16 temperatures of a 6 × 256 net (was ~24 GB, OOM-killed)',
    ['escape', '--depth', '6', '--width', '256', '--replicas', '4096', '--temperatures', temperatures16, '--gamma', '0.3'],
    /--replicas = 4,096 needs 2\.15e10 weights \(replicas × parameters\); the limit is 16,777,216 floats.*(largest --\w+ that fits is \d+|reduce several)/,
  ],
  [
    'sweep: 4096 γ × both directions of a 6 × 256 net, 256 inputs (was 11.4 GB, then a crash)',
    ['sweep', '--depth', '6', '--width', '256', '--input-dim', '256', '--gamma', '0:4.095:0.001', '--direction', 'both'],
    /--gamma grid points = 4,096 needs .* weights .*the largest --gamma grid points that fits is \d+/,
  ],
];

describe('lab: hostile invocations exit 2 with one clear line', () => {
  for (const [name, args, message] of cases) {
    it(name, () => {
      const { code, stdout, stderr, ms } = lab(...args);
      expect(stderr).toMatch(message);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(ms).toBeLessThan(30_000);
    });
  }
});

describe('lab: the bounds leave ordinary runs alone', () => {
  it('the budget names the largest value that fits, and that value runs the check', () => {
    const { code, stderr } = lab(
      'escape',
      '--depth',
      '2',
      '--width',
      '64',
      '--replicas',
      '4096',
      '--temperatures',
      temperatures16,
      '--gamma',
      '0.3',
      '--steps',
      '10',
    );
    expect(code).toBe(2);
    const largest = Number(/largest --replicas that fits is ([\d,]+)/.exec(stderr)?.[1].replace(/,/g, ''));
    expect(largest).toBeGreaterThan(1);
    expect(largest).toBeLessThan(4096);
    // 16 temperatures × R replicas of a 2-64-64-1 net: weights 16·R·(2·64 + 64·64 + 64) ≤ 2^24 floats
    expect(largest).toBe(Math.floor(2 ** 24 / (16 * 4288)));
  });
  it('theory with a large but finite spectrum still answers', () => {
    const { code, stdout } = lab('theory', '--depth', '2', '--spectrum', '1000', '--json');
    expect(code).toBe(0);
    const gammaC = JSON.parse(stdout).modes[0].gammaC;
    // D = 2: γ_c = (η/3)^{…} — only finiteness is at stake here; the closed forms are tested elsewhere
    expect(Number.isFinite(gammaC)).toBe(true);
  });
  it('--depth=-1 spelled with = gets the same range message', () => {
    const { code, stderr } = lab('theory', '--depth=-1');
    expect(code).toBe(2);
    expect(stderr).toMatch(/between 0 and 6/);
  });
});
