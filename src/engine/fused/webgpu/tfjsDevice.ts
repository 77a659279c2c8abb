/// <reference types="@webgpu/types" />
/**
 * Browser side: the 'webgpu' kernel on tfjs-webgpu's own device, so tfjs stays the GPU's owner
 * (one device, no second adapter request). Takes the tf namespace so this module imports no tfjs.
 */
import type { KernelFactory } from '../kernel';
import { webgpuKernel } from './webgpuKernel';

export interface TfLike {
  getBackend(): string;
  backend(): unknown;
}

/** tfjs-webgpu's GPUDevice, or null when the webgpu backend is not the active one */
export function tfjsWebgpuDevice(tf: TfLike): GPUDevice | null {
  if (tf.getBackend() !== 'webgpu') return null;
  const device = (tf.backend() as { device?: GPUDevice }).device;
  return device ?? null;
}

/** the 'webgpu' KernelFactory on tfjs-webgpu's device; null when that backend is not active */
export function webgpuKernelFromTfjs(tf: TfLike): KernelFactory | null {
  const device = tfjsWebgpuDevice(tf);
  return device ? webgpuKernel(() => device) : null;
}
