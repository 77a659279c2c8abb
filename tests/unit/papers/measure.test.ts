/**
 * Reading the lab's numbers off study results (papers/measure.ts): on diagrams built from the closed
 * forms (so the right answer is known independently of any training), the drops, the equal-loss
 * crossing and the D = 1 zero come out where the formulas put them; the verdicts say what they must.
 */
import { describe, expect, it } from 'vitest';
import { claims } from '../../../src/papers/figures';
import { continuousZeroOf, dropOf, equalLossOf, measureClaims, saddleBracket, verdictFor, type StudyResults } from '../../../src/papers/measure';
import type { DepthDiagram } from '../../../src/experiments/phaseDiagram';
import type { SweepPoint } from '../../../src/experiments/sweep';

const byId = new Map(claims().map((c) => [c.id, c]));

/** closed forms for one whitened feature, independent of src/physics: D = 1 p = max(η − γ, 0); D = 2 learned root of p = w³, γ = w(η − w³)/... */
function d2Learned(eta: number, gamma: number): number | null {
  // stationarity for n = 3: γ p^{2/3} = (η − p) p  ⇔  γ = (η − p) p^{1/3}; learned root above p_sp = η/4
  const g = (p: number) => (eta - p) * Math.cbrt(p);
  const pSp = eta / 4;
  if (gamma > g(pSp)) return null;
  let [lo, hi] = [pSp, eta];
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (g(mid) > gamma) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

const point = (gamma: number, p: number[], loss = 0): SweepPoint => ({
  gamma,
  modeOverlaps: p,
  singularValues: p,
  trainLoss: loss,
  testLoss: 2 * loss,
  penalty: 0,
  normSq: 0,
});

function d2Diagram(eta: number, gammas: number[]): DepthDiagram {
  // total loss relative to the trivial state: (n − 2)ηp − (n − 1)p² at a stationary point (n = 3)
  const learned = gammas.map((g) => {
    const p = d2Learned(eta, g);
    return p === null ? point(g, [0], 0) : point(g, [p], eta * p - 2 * p * p);
  });
  return { depth: 2, learned, trivial: gammas.map((g) => point(g, [0], 0)), steps: 1, converged: true };
}

const grid = (from: number, to: number, n: number) => Array.from({ length: n }, (_, i) => from + ((to - from) * i) / (n - 1));

describe('measured numbers from diagrams', () => {
  it('D = 2: the drop brackets γsp = (3/4)·(1/4)^{1/3}·η^{4/3}, the losses cross at γc = (η/2)·(η/2)^{1/3}', () => {
    const eta = 1;
    const d = d2Diagram(eta, grid(0.2, 0.6, 81));
    const gammaSp = 0.75 * Math.cbrt(0.25) * Math.pow(eta, 4 / 3);
    const gammaC = (eta / 2) * Math.cbrt(eta / 2);
    const drop = dropOf(d.learned)!;
    expect(drop.before).toBeLessThanOrEqual(gammaSp);
    expect(drop.after).toBeGreaterThan(gammaSp);
    expect(equalLossOf(d)!).toBeCloseTo(gammaC, 3);
  });

  it('D = 1: the zero of p = η − γ is found from the last clearly learned points', () => {
    const learned = grid(0.05, 1.2, 24).map((g) => point(g, [Math.max(0.9 - g, 0)]));
    expect(continuousZeroOf(learned)!).toBeCloseTo(0.9, 9);
  });

  it('the Ziyin–Ueda diagram fills three claims, and judge() calls the closed-form ones reproduced', () => {
    const gammas = grid(0.025, 1.2, 48);
    const d1: DepthDiagram = { depth: 1, learned: gammas.map((g) => point(g, [Math.max(1 - g, 0)])), trivial: [], steps: 1, converged: true };
    const results: Partial<StudyResults> = { 'zu-diagram': [d1, d2Diagram(1, gammas)] };
    const m = measureClaims(results);
    for (const id of ['zu-d1-threshold', 'zu-d2-window', 'zu-d2-critical']) {
      expect(m[id], id).toBeDefined();
      expect(verdictFor(byId.get(id)!, m[id], results).status, id).toBe('reproduced');
    }
    expect(m['zu-d2-window'].text).toMatch(/trivial start learned at 0 of 48 γ/);
  });
});

describe('verdicts that are not a 5 % comparison', () => {
  it('fig. 1a: no trapped replica came back → differs, not reproduced, with the count', () => {
    const run = (convention: 'ours' | 'pytorch') => ({
      convention,
      trapGamma: 0.361,
      labGamma: 0.32,
      labTrapGamma: 0.361,
      labLr: 0.08,
      stepsPerEpoch: 8,
      finalTest: [0.6, 0.6],
      features: [
        { feature: 0, threshold: 0.5, afterTrap: [0.7, 0.7], exactlyZero: 0, offAfterTrap: 0, escapeEpochs: [null, null] },
        { feature: 1, threshold: 0.2, afterTrap: [0, 0], exactlyZero: 2, offAfterTrap: 2, escapeEpochs: [null, null] },
      ],
    });
    const results: Partial<StudyResults> = { 'ew-protocol': [run('ours'), run('pytorch')] };
    const m = measureClaims(results);
    expect(m['ew-1a-sgd-escape'].text).toBe('0/4 trapped replicas escaped');
    const v = verdictFor(byId.get('ew-1a-sgd-escape')!, m['ew-1a-sgd-escape'], results);
    expect(v.status).toBe('differs');
    expect(v.line).toMatch(/not reproduced.*0\/4/);
  });

  it('fig. 2a: GD starts bracket the saddle; the verdict checks the exact sample saddle lies inside', () => {
    const cell = (escaped: number) => ({
      escaped,
      replicas: 1,
      medianEscaped: escaped ? 100 : null,
      latest: escaped ? 100 : null,
      escapeTimes: [escaped ? 100 : null],
    });
    const map = (saddle: number) => ({
      saddle,
      learned: 0.4,
      threshold: 0.25,
      weakEta: 0.8,
      rows: [0.5, 0.97, 1.03, 2].map((f) => ({ fraction: f, start: f * 0.09, gd: cell(f > 1 ? 1 : 0), sgd: [], langevin: null, gradientVariance: 0 })),
    });
    expect(saddleBracket(map(0.09))).toEqual({ lo: 0.97 * 0.09, hi: 1.03 * 0.09 });
    const claim = byId.get('ew-2a-saddle')!;
    const good: Partial<StudyResults> = { 'ew-saddle': map(0.09) };
    expect(verdictFor(claim, measureClaims(good)['ew-2a-saddle'], good).status).toBe('reproduced');
    // a theory saddle outside the measured bracket is called out
    const bad: Partial<StudyResults> = { 'ew-saddle': map(0.2) };
    expect(verdictFor(claim, measureClaims(bad)['ew-2a-saddle'], bad).status).toBe('differs');
  });

  it('nothing run yet says so', () => {
    expect(verdictFor(byId.get('zu-vae-linear')!, undefined, {}).status).toBe('not measured');
  });
});
