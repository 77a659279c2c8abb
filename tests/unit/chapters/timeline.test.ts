import { describe, expect, it } from 'vitest';
import { HANDOVER_CAPTION, ScenePlayer, type SceneStep } from '../../../src/chapters/timeline';

const never = () => false;

describe('ScenePlayer', () => {
  it('tweens γ linearly from where it stands, over the stated seconds, and ends exactly on the target', () => {
    const p = new ScenePlayer([{ kind: 'tween', to: 0.6, seconds: 4 }], 0.2);
    expect(p.advance(1, never).gamma).toBeCloseTo(0.3, 12);
    expect(p.advance(2, never).gamma).toBeCloseTo(0.5, 12);
    expect(p.advance(5, never).gamma).toBe(0.6);
    expect(p.status).toBe('done');
    expect(p.caption).toBe(HANDOVER_CAPTION);
  });

  it('a second tween starts from where the first ended; leftover time carries over', () => {
    const p = new ScenePlayer(
      [
        { kind: 'tween', to: 1, seconds: 1 },
        { kind: 'tween', to: 0, seconds: 2 },
      ],
      0,
    );
    // 1.5 s: the first tween is done, the second is a quarter of the way
    expect(p.advance(1.5, never).gamma).toBeCloseTo(0.75, 12);
  });

  it('waits for a condition, at most its timeout, and records a timeout', () => {
    const steps: SceneStep[] = [
      { kind: 'until', condition: { kind: 'feature', feature: 1, state: 'off' }, timeoutS: 2, caption: 'waiting' },
      { kind: 'tween', to: 1, seconds: 1 },
    ];
    const p = new ScenePlayer(steps, 0);
    expect(p.advance(1, never)).toEqual({});
    expect(p.caption).toBe('waiting');
    expect(p.index).toBe(0);
    p.advance(1.5, never); // 1 s to the timeout, 0.5 s into the tween
    expect(p.timedOut).toEqual([0]);
    const q = new ScenePlayer(steps, 0);
    expect(q.advance(0.5, () => true).gamma).toBeCloseTo(0.5, 12); // holds at once: no time spent waiting
    expect(q.timedOut).toEqual([]);
  });

  it('a condition that already holds still keeps its caption up for minS seconds', () => {
    const steps: SceneStep[] = [
      { kind: 'until', condition: { kind: 'feature', feature: 1, state: 'learned' }, timeoutS: 4, minS: 1.5, caption: 'learned' },
      { kind: 'tween', to: 1, seconds: 1 },
    ];
    const p = new ScenePlayer(steps, 0);
    expect(p.advance(1, () => true)).toEqual({});
    expect(p.caption).toBe('learned');
    expect(p.advance(1, () => true).gamma).toBeCloseTo(0.5, 12); // 0.5 s more of dwell, then 0.5 s of tween
    expect(p.timedOut).toEqual([]);
    const q = new ScenePlayer(steps, 0);
    q.advance(5, () => false); // never holds: times out at 4 s, then 1 s of tween
    expect(q.timedOut).toEqual([0]);
  });

  it('set and press run at once, even with no time; a set γ is where the next tween starts', () => {
    const p = new ScenePlayer(
      [
        { kind: 'set', params: { gamma: 0.4, depth: 3 } },
        { kind: 'press', testId: 'escape-run' },
        { kind: 'tween', to: 0.8, seconds: 1 },
      ],
      0,
    );
    const first = p.advance(0, never);
    expect(first.params).toEqual({ gamma: 0.4, depth: 3 });
    expect(first.press).toEqual(['escape-run']);
    expect(p.advance(0.5, never).gamma).toBeCloseTo(0.6, 12);
  });

  it('pause holds the scene: no time passes, no commands; resume goes on from there', () => {
    const p = new ScenePlayer([{ kind: 'tween', to: 1, seconds: 2 }], 0);
    p.advance(1, never);
    p.pause();
    expect(p.advance(10, never)).toEqual({});
    expect(p.status).toBe('paused');
    p.resume();
    expect(p.advance(0.5, never).gamma).toBeCloseTo(0.75, 12);
  });

  it('finish hands over for good', () => {
    const p = new ScenePlayer([{ kind: 'wait', seconds: 5 }], 0);
    p.finish();
    p.resume();
    expect(p.status).toBe('done');
    expect(p.advance(10, never)).toEqual({});
  });

  it('nominalSeconds adds waits and tweens', () => {
    expect(
      ScenePlayer.nominalSeconds([
        { kind: 'wait', seconds: 1 },
        { kind: 'tween', to: 1, seconds: 2.5 },
        { kind: 'press', testId: 'x' },
      ]),
    ).toBe(3.5);
  });
});
