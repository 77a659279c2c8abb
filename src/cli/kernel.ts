/**
 * Readying the kernel the CLI was asked for: 'webgpu' needs a device, which in Node comes from
 * Dawn (the `webgpu` package; SwiftShader where no GPU driver is installed).
 */
import type { KernelChoice } from '../engine/fused/kernel';
import { UsageError } from './args';

export async function prepareKernel(kernel: KernelChoice): Promise<void> {
  if (kernel !== 'webgpu') return;
  const [{ createNodeGpu }, { webgpuKernel }, { registerKernel }] = await Promise.all([
    import('../engine/fused/webgpu/nodeDevice'),
    import('../engine/fused/webgpu/webgpuKernel'),
    import('../engine/fused/choice'),
  ]);
  const gpu = await createNodeGpu({ preferSwiftShader: true });
  if ('unavailable' in gpu) throw new UsageError(`--kernel webgpu: ${gpu.unavailable}`);
  keepAlive.push(gpu);
  registerKernel(webgpuKernel(() => gpu.device));
}

/** Dawn aborts the process if its instance is garbage-collected while a device is in use */
const keepAlive: object[] = [];
