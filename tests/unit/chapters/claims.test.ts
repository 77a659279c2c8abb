/**
 * What the chapters claim, against the physics (issue 10, item 5). References: the D = 3 learned
 * branch at γ = 0.3, η = 1 solves γ = w − w⁴ (p = w⁴, n = 4) — bisected here, independently of
 * src/physics; collapse depth is not derived anywhere; the grokking delay is a small-init plateau.
 */
import { describe, expect, it } from 'vitest';
import { CHAPTERS } from '../../../src/chapters/chapters';

const text = (id: string) => (CHAPTERS.find((c) => c.id === id)?.text ?? []).join(' ');

describe('chapter claims', () => {
  it('D = 3 at γ = 0.3 is called metastable, at its learned p', () => {
    // learned root of w^{n−2} − w^{2n−2} = γ for n = 4 above the spinodal w_sp = (1/3)^{1/4}
    let lo = Math.pow(1 / 3, 1 / 4);
    let hi = 1;
    for (let i = 0; i < 200; i++) {
      const mid = (lo + hi) / 2;
      if (mid * mid - Math.pow(mid, 6) > 0.3) lo = mid;
      else hi = mid;
    }
    const p = Math.pow(lo, 4);
    expect(p).toBeCloseTo(0.6185, 3);
    const t = text('deeper-nets');
    expect(t).toMatch(/metastable/);
    expect(t).toContain(p.toPrecision(4));
    expect(t).not.toMatch(/D = 3 is past its γc = [0-9.]+\.$/);
  });

  it('posterior collapse: depth making it first order is not claimed', () => {
    const t = text('posterior-collapse');
    expect(t).toMatch(/open question/);
    expect(t).not.toMatch(/Deeper encoders or decoders make the collapse first order/);
  });

  it('grokking: says it is a small-initialisation plateau and how it differs from grokking', () => {
    const t = text('sparse-grokking');
    expect(t).toMatch(/small-initialisation plateau/);
    expect(t).toMatch(/train error drops too/);
  });

  it('no user-facing text cites a file of the repository', () => {
    for (const c of CHAPTERS) expect(c.text.join(' ')).not.toMatch(/\b[\w/-]+\.(md|ts|tsx)\b/);
  });
});
