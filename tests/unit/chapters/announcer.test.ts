import { describe, expect, it } from 'vitest';
import { PhaseAnnouncer, announcementText } from '../../../src/app/announcer';
import { keyAction, nudgedGamma } from '../../../src/ui/keyboard';
import { hidingCss } from '../../../src/session/classroom';

const ETAS = [1, 0.6];

function feed(a: PhaseAnnouncer, samples: [number[], number][]) {
  return samples.flatMap(([p, g]) => a.observe(p, ETAS, g));
}

describe('PhaseAnnouncer', () => {
  it('announces a learned feature once it holds for `confirm` samples, with the γ of the first crossing', () => {
    const a = new PhaseAnnouncer({ confirm: 3 });
    const out = feed(a, [
      [[0.1, 0.0], 0.2],
      [[0.3, 0.0], 0.2],
      [[0.6, 0.0], 0.21],
      [[0.8, 0.0], 0.22],
    ]);
    expect(out.map((x) => x.text)).toEqual(['feature 1 learned at γ ≈ 0.200']);
  });

  it('does not announce starting off; announces switching off with the crossing γ', () => {
    const a = new PhaseAnnouncer({ confirm: 2 });
    expect(
      feed(a, [
        [[0.8, 0.0], 0.3],
        [[0.8, 0.0], 0.3],
      ]).map((x) => x.text),
    ).toEqual(['feature 1 learned at γ ≈ 0.300']);
    const off = feed(a, [
      [[0.7, 0.0], 0.45],
      [[0.01, 0.0], 0.4725],
      [[0.0, 0.0], 0.48],
    ]);
    expect(off.length).toBe(1);
    expect(off[0]).toMatchObject({ feature: 1, state: 'off' });
    expect(off[0].gamma).toBe(0.4725);
    expect(off[0].text).toBe('feature 1 switched off at γ ≈ 0.472');
  });

  it('ignores a one-sample glitch and values in the dead band', () => {
    const a = new PhaseAnnouncer({ confirm: 3 });
    feed(a, [
      [[0.8, 0.5], 0.1],
      [[0.8, 0.5], 0.1],
      [[0.8, 0.5], 0.1],
    ]);
    const out = feed(a, [
      [[0.0, 0.5], 0.2], // glitch
      [[0.8, 0.5], 0.2],
      [[0.1, 0.5], 0.2], // dead band (0.05 < 0.1 < 0.25)
      [[0.1, 0.5], 0.2],
      [[0.1, 0.5], 0.2],
    ]);
    expect(out).toEqual([]);
  });

  it('uses each feature’s own η for the thresholds', () => {
    const a = new PhaseAnnouncer({ confirm: 1 });
    // 0.2 is learned for η = 0.6 (0.25·0.6 = 0.15) but in the dead band for η = 1
    expect(a.observe([0.2, 0.2], ETAS, 0.1).map((x) => x.feature)).toEqual([2]);
  });

  it('reset forgets the state', () => {
    const a = new PhaseAnnouncer({ confirm: 1 });
    a.observe([0.8, 0], ETAS, 0.1);
    a.reset();
    expect(a.observe([0.8, 0], ETAS, 0.1).length).toBe(1);
  });

  it('formats as the issue asks', () => {
    expect(announcementText(2, 'off', 0.3509)).toBe('feature 2 switched off at γ ≈ 0.351');
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
