import { describe, expect, it } from 'vitest';
import katex from 'katex';
import { CHAPTERS, chapterAt } from '../../../src/chapters/chapters';
import { ScenePlayer, type SceneStep } from '../../../src/chapters/timeline';
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
      expect(['live', 'diagrams', 'escape', 'papers']).toContain(c.view);
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

  const gammasOf = (steps: readonly SceneStep[]) =>
    steps.flatMap((s) => (s.kind === 'tween' ? [s.to] : s.kind === 'set' && s.params.gamma !== undefined ? [s.params.gamma] : []));

  it('every chapter has a scene; its γ targets stay in the schema range; γ-driven scenes fit their stated time', () => {
    for (const c of CHAPTERS) {
      expect(c.scene.length, c.id).toBeGreaterThan(0);
      for (const g of gammasOf(c.scene)) expect(repairField('gamma', g, 0.2).message, c.id).toBeUndefined();
      const worst = ScenePlayer.nominalSeconds(c.scene) + c.scene.reduce((t, s) => t + (s.kind === 'until' ? s.timeoutS : 0), 0);
      expect(worst, c.id).toBeLessThanOrEqual(c.sceneSeconds);
    }
  });

  it('the hysteresis scenes go past γ_sp and back below γ_c (D = 2, η = 1); the cascade passes every spinodal', () => {
    for (const id of ['two-hidden-layers', 'hysteresis']) {
      const gammas = gammasOf(CHAPTERS.find((c) => c.id === id)!.scene);
      expect(Math.max(...gammas), id).toBeGreaterThan(spinodalGamma(2, 1)!);
      expect(gammas[gammas.length - 1], id).toBeLessThan(criticalGamma(2, 1)!);
    }
    const cascade = gammasOf(CHAPTERS.find((c) => c.id === 'feature-cascade')!.scene);
    for (const eta of [1, 0.6, 0.3]) expect(Math.max(...cascade)).toBeGreaterThan(spinodalGamma(2, eta)!);
    // chapter 5: above D = 3's spinodal, below D = 2's, and back to 0.3 (between D = 3's γc and γsp)
    const deeper = gammasOf(CHAPTERS.find((c) => c.id === 'deeper-nets')!.scene);
    expect(Math.max(...deeper)).toBeGreaterThan(spinodalGamma(3, 1)!);
    expect(Math.max(...deeper)).toBeLessThan(spinodalGamma(2, 1)!);
    expect(deeper[deeper.length - 1]).toBe(0.3);
  });

  it('the cascade text tells the up-sweep story: features drop at their spinodals', () => {
    const text = CHAPTERS.find((c) => c.id === 'feature-cascade')!.text.join(' ');
    for (const eta of [1, 0.6, 0.3]) expect(text).toContain(spinodalGamma(2, eta)!.toFixed(4));
    expect(text).toMatch(/spinodal/);
  });

  it('the job chapters say they reconfigure the lab and press their job’s button', () => {
    for (const [id, button] of [
      ['traps-escape', 'escape-run'],
      ['sparse-grokking', 'grokking-run'],
    ]) {
      const c = CHAPTERS.find((x) => x.id === id)!;
      expect(c.text.join(' '), id).toMatch(/reconfigures the lab/);
      expect(
        c.scene.some((s) => s.kind === 'press' && s.testId === button),
        id,
      ).toBe(true);
    }
  });

  it('the VAE chapter opens the Papers tab and presses its VAE Reproduce button, then waits for that result', () => {
    const c = CHAPTERS.find((x) => x.id === 'posterior-collapse')!;
    expect(c.view).toBe('papers');
    expect(c.scene.some((s) => s.kind === 'press' && s.testId === 'papers-reproduce-zu-vae')).toBe(true);
    expect(c.scene.some((s) => s.kind === 'until' && s.condition.kind === 'job-result' && s.condition.which === 'vae')).toBe(true);
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
});
