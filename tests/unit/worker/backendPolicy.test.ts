import { describe, expect, it } from 'vitest';
import { nextBackend, planBackends } from '../../../src/worker/backendPolicy';

describe('backend policy', () => {
  it('uses webgpu only on a real GPU adapter', () => {
    const real = planBackends('auto', { kind: 'adapter', isFallbackAdapter: false, description: 'NVIDIA H100' });
    expect(real.order[0]).toBe('webgpu');
    expect(real.reason).toMatch(/real GPU/);
    const swiftshader = planBackends('auto', { kind: 'adapter', isFallbackAdapter: true, description: '' });
    expect(swiftshader.order).toEqual(['wasm', 'webgl', 'cpu']);
    expect(swiftshader.reason).toBe('SwiftShader fallback adapter: using wasm');
  });

  it('explains the wasm choice when there is no WebGPU at all', () => {
    expect(planBackends('auto', { kind: 'no-api' }).reason).toMatch(/no WebGPU/);
    expect(planBackends('auto', { kind: 'no-adapter' }).order[0]).toBe('wasm');
  });

  it('puts a user override first, even webgpu on a fallback adapter', () => {
    const plan = planBackends('webgpu', { kind: 'adapter', isFallbackAdapter: true, description: '' });
    expect(plan.order[0]).toBe('webgpu');
    expect(plan.order).toContain('wasm');
    expect(plan.reason).toMatch(/chosen by you/);
    expect(planBackends('cpu', { kind: 'no-api' }).order).toEqual(['cpu', 'wasm', 'webgl']);
  });

  it('respawns on the next backend of the chain', () => {
    expect(nextBackend('webgpu')).toBe('wasm');
    expect(nextBackend('wasm')).toBe('webgl');
    expect(nextBackend('webgl')).toBe('cpu');
    expect(nextBackend('cpu')).toBeNull();
  });
});
