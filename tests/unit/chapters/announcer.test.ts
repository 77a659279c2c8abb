import { describe, expect, it } from 'vitest';
import { PhaseAnnouncer, announcementText, type Announcement } from '../../../src/app/announcer';
import { keyAction, nudgedGamma } from '../../../src/ui/keyboard';
import { hidingCss } from '../../../src/session/classroom';

const ETAS = [1, 0.6];

function feed(a: PhaseAnnouncer, samples: [number[], number][]) {
  return samples.flatMap(([p, g]) => a.observe(p, ETAS, g));
}

describe('PhaseAnnouncer', () => {
  /** a run of `n` identical samples */
  const hold = (p: number[], gamma: number, n: number): [number[], number][] => Array.from({ length: n }, () => [p, gamma]);

  it('the start-up transient is no event: a fresh net learning (or losing a feature) at a still γ is silent', () => {
    const a = new PhaseAnnouncer({ confirm: 3, settle: 0, armAfter: 1000 });
    // the net learns feature 1 from its initial weights; feature 2 grows and dies (too narrow a layer)
    const out = feed(a, [...hold([0.1, 0.1], 0.2, 3), ...hold([0.8, 0.3], 0.2, 5), ...hold([0.9, 0.0], 0.2, 5)]);
    expect(out).toEqual([]);
  });

  it('once γ moves, a switch-off is announced with the γ of the first crossing (after the settle window)', () => {
    const a = new PhaseAnnouncer({ confirm: 2, settle: 2 });
    feed(a, hold([0.8, 0.0], 0.3, 4));
    const off = feed(a, [
      [[0.7, 0.0], 0.45],
      [[0.01, 0.0], 0.4725],
      [[0.0, 0.0], 0.48],
      [[0.0, 0.0], 0.49],
    ]);
    expect(off).toEqual([]); // confirmed, still settling
    const later = feed(a, [[[0.0, 0.0], 0.5]]);
    expect(later.length).toBe(1);
    expect(later[0]).toMatchObject({ feature: 1, state: 'off', gamma: 0.4725, text: 'feature 1 switched off at γ ≈ 0.472' });
  });

  it('a state that comes back inside the settle window is a flicker: neither half is announced', () => {
    const a = new PhaseAnnouncer({ confirm: 2, settle: 4 });
    feed(a, hold([0.8, 0.0], 0.4, 3));
    const out = feed(a, [...hold([0.8, 0.0], 0.5, 2), ...hold([0.0, 0.0], 0.5, 2), ...hold([0.8, 0.0], 0.5, 2), ...hold([0.8, 0.0], 0.5, 10)]);
    expect(out).toEqual([]);
    expect(out.map((x) => x.text).join('; ')).not.toMatch(/switched off.*learned/);
  });

  it('a real change at a fixed γ after the lab was disturbed is announced (an escape from the trap)', () => {
    const a = new PhaseAnnouncer({ confirm: 2, settle: 1 });
    feed(a, [...hold([0.0], 0.3, 3), ...hold([0.0], 0.25, 20)]);
    const out = feed(a, hold([0.7], 0.25, 5));
    expect(out.map((x) => x.text)).toEqual(['feature 1 learned at γ ≈ 0.250']);
  });

  it('armAfter: a γ that never moves arms it after that many samples', () => {
    const a = new PhaseAnnouncer({ confirm: 1, settle: 0, armAfter: 5 });
    expect(feed(a, hold([0.0], 0.25, 6))).toEqual([]);
    expect(feed(a, hold([0.8], 0.25, 1)).length).toBe(1);
  });

  it('never announces "learned" while p = 0, nor in the dead band; ignores a one-sample glitch', () => {
    const a = new PhaseAnnouncer({ confirm: 3, settle: 0 });
    feed(a, [...hold([0.8, 0.5], 0.1, 3), ...hold([0.8, 0.5], 0.11, 3)]);
    const out = feed(a, [
      [[0.0, 0.5], 0.2], // glitch
      [[0.8, 0.5], 0.2],
      ...hold([0.1, 0.5], 0.2, 5), // dead band (0.05 < 0.1 < 0.25)
    ]);
    expect(out).toEqual([]);
    const zero = new PhaseAnnouncer({ confirm: 1, settle: 0 });
    const z = feed(zero, [...hold([0, 0], 0.2, 3), ...hold([0, 0], 0.3, 20)]);
    expect(z.filter((x) => x.state === 'learned')).toEqual([]);
  });

  it('uses each feature’s own η for the thresholds', () => {
    const a = new PhaseAnnouncer({ confirm: 1, settle: 0 });
    feed(a, [
      [[0, 0], 0.1],
      [[0, 0], 0.12],
    ]);
    // 0.2 is learned for η = 0.6 (0.25·0.6 = 0.15) but in the dead band for η = 1
    expect(a.observe([0.2, 0.2], ETAS, 0.12).map((x) => x.feature)).toEqual([2]);
  });

  it('D = 1 is continuous: "reached 0" only once p is within 1 % of η of zero, at γ near γc = η', () => {
    const a = new PhaseAnnouncer({ confirm: 2, settle: 1 }, 1);
    // p = max(η − γ, 0) with a small lag, γ swept 0.2 → 1.1
    const samples: [number[], number][] = [];
    for (let g = 0.2; g <= 1.1 + 1e-9; g += 0.01) samples.push([[Math.max(1 - g + 0.003, 0)], Number(g.toFixed(2))]);
    const out = samples.flatMap(([p, g]) => a.observe(p, [1], g));
    expect(out.length).toBe(1);
    expect(out[0].text).toMatch(/^feature 1 reached 0 near γ ≈ \d\.\d{3}$/);
    // the 5 % band would have said 0.95; the tight band puts it within 0.02 of γc = 1
    expect(Math.abs(out[0].gamma - 1)).toBeLessThan(0.02);
    expect(out[0].text).not.toMatch(/switched off/);
    // and back: "left 0", close to γc again
    const back: Announcement[] = [];
    for (let g = 1.1; g >= 0.5 - 1e-9; g -= 0.01) back.push(...a.observe([Math.max(1 - g - 0.003, 0)], [1], Number(g.toFixed(2))));
    expect(back.length).toBe(1);
    expect(back[0].text).toMatch(/^feature 1 left 0 near γ ≈ \d\.\d{3}$/);
    // band 0.02·η + lag 0.003 + the 0.01 grid
    expect(Math.abs(back[0].gamma - 1)).toBeLessThan(0.035);
  });

  it('D = 0 has no transition: nothing is ever announced', () => {
    const a = new PhaseAnnouncer({ confirm: 1, settle: 0 }, 0);
    const out: Announcement[] = [];
    for (let g = 0.2; g < 40; g += 0.5) out.push(...a.observe([1 / (1 + g)], [1], g));
    expect(out).toEqual([]);
  });

  it('in compare mode it names the depth', () => {
    const a = new PhaseAnnouncer({ confirm: 1, settle: 0 }, 2, true);
    feed(a, [
      [[0.8, 0], 0.3],
      [[0.8, 0], 0.31],
    ]);
    expect(feed(a, [[[0.0, 0], 0.47]]).map((x) => x.text)).toEqual(['D = 2: feature 1 switched off at γ ≈ 0.470']);
  });

  it('reset forgets the state and disarms', () => {
    const a = new PhaseAnnouncer({ confirm: 1, settle: 0 });
    feed(a, [
      [[0.0, 0], 0.1],
      [[0.0, 0], 0.2],
      [[0.8, 0], 0.2],
    ]);
    a.reset();
    expect(
      feed(a, [
        [[0.0, 0], 0.2],
        [[0.8, 0], 0.2],
      ]),
    ).toEqual([]);
  });

  it('formats as the issue asks', () => {
    expect(announcementText(2, 'off', 0.3509)).toBe('feature 2 switched off at γ ≈ 0.351');
    expect(announcementText(1, 'off', 0.47, { depth: 2 })).toBe('D = 2: feature 1 switched off at γ ≈ 0.470');
    expect(announcementText(1, 'off', 0.995, { continuous: true })).toBe('feature 1 reached 0 near γ ≈ 0.995');
  });
});

describe('lecture keys', () => {
  const plain = { shiftKey: false, ctrlKey: false, altKey: false, metaKey: false };
  it('maps space, arrows (shift coarse), R and digits', () => {
    expect(keyAction({ ...plain, key: ' ' }, null)).toEqual({ kind: 'toggle-play' });
    expect(keyAction({ ...plain, key: 'ArrowRight' }, null)).toEqual({ kind: 'nudge-gamma', delta: 0.01 });
    expect(keyAction({ ...plain, key: 'ArrowLeft', shiftKey: true }, null)).toEqual({ kind: 'nudge-gamma', delta: -0.05 });
    expect(keyAction({ ...plain, key: 'r' }, null)).toEqual({ kind: 'reset' });
    expect(keyAction({ ...plain, key: '7' }, null)).toEqual({ kind: 'chapter', number: 7 });
    expect(keyAction({ ...plain, key: '0' }, null)).toBeNull();
    expect(keyAction({ ...plain, key: 'PageDown' }, null)).toEqual({ kind: 'chapter-step', delta: 1 });
    expect(keyAction({ ...plain, key: 'PageUp' }, null)).toEqual({ kind: 'chapter-step', delta: -1 });
  });
  it('never takes keys from text fields, selects, the slider, or with modifiers; space stays with buttons', () => {
    expect(keyAction({ ...plain, key: 'r' }, { tagName: 'INPUT', type: 'text' })).toBeNull();
    expect(keyAction({ ...plain, key: 'ArrowRight' }, { tagName: 'INPUT', type: 'range' })).toBeNull();
    expect(keyAction({ ...plain, key: '1' }, { tagName: 'TEXTAREA' })).toBeNull();
    expect(keyAction({ ...plain, key: '1' }, { tagName: 'DIV', isContentEditable: true })).toBeNull();
    expect(keyAction({ ...plain, key: ' ' }, { tagName: 'BUTTON' })).toBeNull();
    expect(keyAction({ ...plain, key: 'r' }, { tagName: 'BUTTON' })).toEqual({ kind: 'reset' });
    expect(keyAction({ ...plain, key: 'r', ctrlKey: true }, null)).toBeNull();
  });
  it('nudged γ never goes below 0 and has no float dust', () => {
    expect(nudgedGamma(0.005, -0.01)).toBe(0);
    expect(nudgedGamma(0.1, 0.2)).toBe(0.3);
  });
});

describe('classroom hiding', () => {
  it('builds CSS for known names and text, skips unknown ones', () => {
    const css = hidingCss(['seed', 'text', 'nope']);
    expect(css).toContain('#seed');
    expect(css).toContain('.hint');
    expect(css).not.toContain('nope');
    expect(hidingCss(['nope'])).toBe('');
  });
});
