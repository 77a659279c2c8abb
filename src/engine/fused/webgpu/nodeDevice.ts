/// <reference types="@webgpu/types" />
/**
 * A WebGPU device in Node from the `webgpu` package (Dawn's Node bindings). Node only (tests, the
 * GPU benchmark); the browser uses tfjs-webgpu's device (tfjsDevice.ts).
 *
 * Dawn reaches the GPU through Vulkan (libvulkan.so.1 + a driver ICD). Where no ICD is set and
 * Chromium's SwiftShader ICD exists, `preferSwiftShader` points VK_ICD_FILENAMES at it (tests on
 * GPU-less machines); a real GPU needs nothing (the Vulkan loader finds its ICD) or
 * VK_ICD_FILENAMES pointing at the driver's ICD json.
 */
import { existsSync } from 'node:fs';

export const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

export interface NodeGpu {
  /** the Dawn instance: keep it referenced while the device is in use (if it is garbage-collected,
   * Dawn tears down its event machinery and the next mapAsync aborts the process) */
  gpu: GPU;
  adapter: GPUAdapter;
  device: GPUDevice;
  /** adapter description for reports */
  info: Record<string, unknown>;
}

export interface NodeGpuOptions {
  /** set VK_ICD_FILENAMES to Chromium's SwiftShader ICD if unset and present */
  preferSwiftShader?: boolean;
  /** Dawn toggles for `create()`, e.g. 'backend=vulkan' */
  dawnOptions?: string[];
  powerPreference?: GPUPowerPreference;
}

const liveInstances = new Set<GPU>();

/** null (with the reason) when the package, the Vulkan loader or an adapter is missing */
export async function createNodeGpu(options: NodeGpuOptions = {}): Promise<NodeGpu | { unavailable: string }> {
  if (options.preferSwiftShader && !process.env.VK_ICD_FILENAMES && existsSync(SWIFTSHADER_ICD)) {
    process.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
  }
  let webgpu: { create: (options: string[]) => GPU; globals: object };
  try {
    webgpu = (await import('webgpu')) as unknown as typeof webgpu;
  } catch (error) {
    return { unavailable: `the webgpu package did not load: ${(error as Error).message}` };
  }
  Object.assign(globalThis, webgpu.globals);
  const gpu = webgpu.create(options.dawnOptions ?? []);
  let adapter: GPUAdapter | null;
  try {
    adapter = await gpu.requestAdapter({ powerPreference: options.powerPreference ?? 'high-performance' });
  } catch (error) {
    return { unavailable: `requestAdapter failed: ${(error as Error).message}` };
  }
  if (!adapter) {
    return {
      unavailable: `no WebGPU adapter (Vulkan loader libvulkan1 and a driver ICD are needed; VK_ICD_FILENAMES=${process.env.VK_ICD_FILENAMES ?? 'unset'})`,
    };
  }
  const limits = adapter.limits;
  let device: GPUDevice;
  try {
    device = await adapter.requestDevice({
      requiredLimits: {
        maxStorageBufferBindingSize: limits.maxStorageBufferBindingSize,
        maxBufferSize: limits.maxBufferSize,
      },
    });
  } catch (error) {
    return { unavailable: `requestDevice failed: ${(error as Error).message}` };
  }
  const a = adapter.info as GPUAdapterInfo & { isFallbackAdapter?: boolean; subgroupMinSize?: number };
  const info: Record<string, unknown> = {
    vendor: a.vendor,
    architecture: a.architecture,
    device: a.device,
    description: a.description,
    isFallbackAdapter: a.isFallbackAdapter ?? (adapter as GPUAdapter & { isFallbackAdapter?: boolean }).isFallbackAdapter,
    vkIcdFilenames: process.env.VK_ICD_FILENAMES ?? null,
    maxStorageBufferBindingSize: limits.maxStorageBufferBindingSize,
  };
  liveInstances.add(gpu);
  void device.lost.then(() => liveInstances.delete(gpu));
  return { gpu, adapter, device, info };
}
