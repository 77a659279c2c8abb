import { describe, expect, it } from 'vitest';
import katex from 'katex';
import { CHAPTERS, chapterAt, gammaRamp } from '../../../src/chapters/chapters';
import { repairField, parameterFields, type ParameterField } from '../../../src/permalink/schema';
import { DEFAULT_PARAMETERS, validateParameters } from '../../../src/state/parameters';
import { criticalGamma, spinodalGamma, normSqJump } from '../../../src/physics';

describe('chapters', () => {
  it('has the nine scenes of the issue, each with 2–4 sentences and a formula', () => {
    expect(CHAPTERS.length).toBe(9);
    for (const c of CHAPTERS) {
      expect(c.text.length).toBeGreaterThanOrEqual(2);
      expect(c.text.length).toBeLessThanOrEqual(4);
      expect(c.formula.length).toBeGreaterThan(5);
      expect(['live', 'diagrams', 'escape']).toContain(c.view);
    }
    expect(new Set(CHAPTERS.map((c) => c.id)).size).toBe(CHAPTERS.length);
  });

  it('every preset field passes the permalink schema unchanged (no repair message)', () => {
    for (const c of CHAPTERS) {
      for (const [key, value] of Object.entries(c.preset)) {
        expect(Object.keys(parameterFields)).toContain(key);
        const field = key as ParameterField;
        const repaired = repairField(field, value, DEFAULT_PARAMETERS[field] as never);
        expect(repaired.message, `${c.id}.${key}`).toBeUndefined();
        expect(repaired.value).toEqual(value);
      }
    }
  });

  it('every preset applied to the defaults needs no cross-field repair (e.g. batch ≤ train size)', () => {
    for (const c of CHAPTERS) {
      const { params, messages } = validateParameters({ ...DEFAULT_PARAMETERS, ...c.preset });
      expect(messages, c.id).toEqual({});
      expect(params.gamma).toBe(c.preset.gamma);
    }
  });

  it('γ scripts stay in the schema range and hysteresis goes past γ_sp and back below γ_c (D = 2, η = 1)', () => {
    for (const c of CHAPTERS) for (const move of c.script ?? []) expect(repairField('gamma', move.gamma, 0.2).message).toBeUndefined();
    const loop = CHAPTERS.find((c) => c.id === 'hysteresis')!;
    const gammas = loop.script!.map((m) => m.gamma);
    expect(Math.max(...gammas)).toBeGreaterThan(spinodalGamma(2, 1)!);
    expect(gammas[gammas.length - 1]).toBeLessThan(criticalGamma(2, 1)!);
  });

  it('numbers in the text come from the physics (γ_c, latent heat, cascade thresholds)', () => {
    const two = CHAPTERS.find((c) => c.id === 'two-hidden-layers')!.text.join(' ');
    expect(two).toContain(criticalGamma(2, 1)!.toFixed(4)); // 0.3969
    expect(two).toContain(normSqJump(2, 1).toFixed(4)); // 1.8899
    const cascade = CHAPTERS.find((c) => c.id === 'feature-cascade')!.text.join(' ');
    for (const eta of [1, 0.6, 0.3]) expect(cascade).toContain(criticalGamma(2, eta)!.toFixed(4));
    // reference values of docs/physics.md §3 (D = 2, η = 1, 0.6, 0.3), to 1e-4
    expect(cascade).toMatch(/0\.3969.*0\.2008.*0\.0797/);
  });

  it('every formula typesets with KaTeX (throwOnError: true)', () => {
    for (const c of CHAPTERS) expect(() => katex.renderToString(c.formula, { throwOnError: true, displayMode: true }), c.id).not.toThrow();
  });

  it('chapterAt is 1-based and rejects out-of-range numbers', () => {
    expect(chapterAt(1)?.id).toBe('no-hidden-layer');
    expect(chapterAt(9)?.id).toBe('posterior-collapse');
    expect(chapterAt(0)).toBeNull();
    expect(chapterAt(10)).toBeNull();
    expect(chapterAt(1.5)).toBeNull();
  });

  it('gammaRamp ends exactly on the target', () => {
    const ramp = gammaRamp(0.2, 0.6, 40, 10);
    expect(ramp.length).toBe(40);
    expect(ramp[39].gamma).toBe(0.6);
    expect(ramp[0].gamma).toBeCloseTo(0.21, 12);
  });
});
