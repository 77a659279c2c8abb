/// <reference types="@webgpu/types" />
/**
 * The 'webgpu' fused kernel: one compute dispatch runs K steps for all R replicas (one thread per
 * replica, weights in registers, Philox noise generated in the shader; wgsl.ts). Linear nets on
 * the moment path, 'gd' and 'langevin'; limits in layout.ts.
 *
 * The device comes from outside (`webgpuKernel(deviceProvider)`): in the browser it is
 * tfjs-webgpu's own device (tfjsDevice.ts), so tfjs stays the GPU's owner; in Node it comes from
 * the `webgpu` package (nodeDevice.ts). The kernel never destroys the device.
 *
 * run() encodes one dispatch and submits it; it resolves once submitted (the queue orders later
 * writes and dispatches after it). sync() waits for the GPU and reads the weights back; getWeights
 * throws if weights changed on the GPU since the last sync().
 */
import { langevinKey } from '../../noise/philox';
import type { Weights } from '../../types';
import { isLinear, type KernelFactory, type KernelSpec, type StepHyper, type StepKernel } from '../kernel';
import { layoutUnsupported, MAX_REPLICAS, MIN_STORAGE_BINDING_BYTES, netLayout, WORKGROUP_SIZE, type NetLayout } from './layout';
import { STEP_BINDINGS, stepShader } from './wgsl';

export type DeviceProvider = () => GPUDevice | Promise<GPUDevice>;

/** GPUBufferUsage / GPUMapMode values (the globals may not exist where this module is imported) */
const USAGE = { MAP_READ: 0x1, COPY_SRC: 0x4, COPY_DST: 0x8, UNIFORM: 0x40, STORAGE: 0x80 } as const;
const MAP_READ = 0x1;

export function webgpuUnsupported(spec: KernelSpec, maxStorageBytes = MIN_STORAGE_BINDING_BYTES): string | null {
  if (!isLinear(spec.net.activation)) return `${spec.net.activation} nets: the webgpu kernel runs linear nets only`;
  if (spec.path !== 'moments') return `the ${spec.path} path: the webgpu kernel runs the moments path only`;
  if (spec.optimizer !== 'gd' && spec.optimizer !== 'langevin') return `${spec.optimizer}: the webgpu kernel runs gd and langevin only`;
  if (!Number.isInteger(spec.replicas) || spec.replicas < 1) return 'replicas must be a positive integer';
  if (spec.replicas > MAX_REPLICAS) return `${spec.replicas} replicas > ${MAX_REPLICAS}`;
  if (spec.noiseSeeds.length !== spec.replicas) return 'one noise seed per replica is required';
  const layout = netLayout(spec.net);
  const why = layoutUnsupported(layout);
  if (why) return why;
  if (spec.replicas * layout.parameters * 4 > maxStorageBytes) {
    return `${spec.replicas} replicas × ${layout.parameters} parameters exceed the ${maxStorageBytes}-byte storage binding`;
  }
  return null;
}

class WebGpuStepKernel implements StepKernel {
  readonly name = 'webgpu' as const;
  private readonly host: Float32Array<ArrayBuffer>;
  private readonly hyperWords: Uint32Array<ArrayBuffer>;
  private hyperUploaded = false;
  private readonly paramsData = new ArrayBuffer(16);
  /** weights on the GPU changed since the last sync() */
  private stale = false;
  private pendingSync: Promise<void> | null = null;
  private lost: string | null = null;
  private disposed = false;

  constructor(
    private readonly device: GPUDevice,
    private readonly layout: NetLayout,
    private readonly replicas: number,
    private readonly pipeline: GPUComputePipeline,
    private readonly bindGroup: GPUBindGroup,
    private readonly buffers: { params: GPUBuffer; weights: GPUBuffer; hyper: GPUBuffer; staging: GPUBuffer; others: GPUBuffer[] },
  ) {
    this.host = new Float32Array(replicas * layout.parameters);
    this.hyperWords = new Uint32Array(replicas * 4);
    void device.lost.then((info) => {
      this.lost = `GPU device lost: ${info.message || info.reason}`;
    });
  }

  private check(replica?: number): void {
    if (this.disposed) throw new Error('webgpu kernel: used after dispose()');
    if (this.lost) throw new Error(this.lost);
    if (replica !== undefined && !(Number.isInteger(replica) && replica >= 0 && replica < this.replicas)) {
      throw new Error(`webgpu kernel: replica ${replica} out of range 0…${this.replicas - 1}`);
    }
  }

  setWeights(replica: number, weights: Weights): void {
    this.check(replica);
    const { sizes, layers, offsets, parameters } = this.layout;
    if (weights.length !== layers) throw new Error(`webgpu kernel: ${weights.length} weight matrices, expected ${layers}`);
    const base = replica * parameters;
    for (let l = 1; l <= layers; l++) {
      const size = sizes[l] * sizes[l - 1];
      if (weights[l - 1].length !== size) throw new Error(`webgpu kernel: layer ${l} has ${weights[l - 1].length} entries, expected ${size}`);
      this.host.set(weights[l - 1], base + offsets[l - 1]);
    }
    // queue-ordered: lands after every dispatch submitted so far, before the next one
    this.device.queue.writeBuffer(this.buffers.weights, base * 4, this.host, base, parameters);
  }

  getWeights(replica: number): Weights {
    this.check(replica);
    if (this.stale) throw new Error('webgpu kernel: call sync() after run() before getWeights()');
    const { sizes, layers, offsets, parameters } = this.layout;
    const base = replica * parameters;
    const weights: Weights = [];
    for (let l = 1; l <= layers; l++) {
      const start = base + offsets[l - 1];
      weights.push(this.host.slice(start, start + sizes[l] * sizes[l - 1]));
    }
    return weights;
  }

  async run(steps: number, hyper: StepHyper): Promise<void> {
    this.check();
    if (!Number.isInteger(steps) || steps < 0) throw new Error(`webgpu kernel: steps must be a non-negative integer, got ${steps}`);
    if (!Number.isInteger(hyper.firstStep) || hyper.firstStep < 0 || hyper.firstStep + steps > 0xffffffff) {
      throw new Error(`webgpu kernel: firstStep ${hyper.firstStep} outside the 32-bit Philox counter`);
    }
    const R = this.replicas;
    if (hyper.gammas.length !== R || hyper.temperatures.length !== R || hyper.frozen.length !== R) {
      throw new Error(`webgpu kernel: hyper arrays must have ${R} entries`);
    }
    if (steps === 0) return;
    this.uploadHyper(hyper);
    const view = new DataView(this.paramsData);
    view.setFloat32(0, hyper.lr, true);
    view.setUint32(4, hyper.firstStep, true);
    view.setUint32(8, steps, true);
    view.setUint32(12, R, true);
    const queue = this.device.queue;
    queue.writeBuffer(this.buffers.params, 0, this.paramsData);
    const encoder = this.device.createCommandEncoder();
    const pass = encoder.beginComputePass();
    pass.setPipeline(this.pipeline);
    pass.setBindGroup(0, this.bindGroup);
    pass.dispatchWorkgroups(Math.ceil(R / WORKGROUP_SIZE));
    pass.end();
    queue.submit([encoder.finish()]);
    this.stale = true;
  }

  /** per replica: decay = 2·lr·γ, amp = √(2·lr·T) (0 when frozen), frozen; uploaded when changed */
  private uploadHyper(hyper: StepHyper): void {
    const words = this.hyperWords;
    let changed = !this.hyperUploaded;
    const scratch = new Float32Array(2);
    const scratchWords = new Uint32Array(scratch.buffer);
    for (let r = 0; r < this.replicas; r++) {
      const frozen = hyper.frozen[r] ? 1 : 0;
      const t = hyper.temperatures[r];
      scratch[0] = 2 * hyper.lr * hyper.gammas[r];
      scratch[1] = frozen || !(t > 0) ? 0 : Math.sqrt(2 * hyper.lr * t);
      const o = 4 * r;
      if (words[o] !== scratchWords[0] || words[o + 1] !== scratchWords[1] || words[o + 2] !== frozen) {
        changed = true;
        words[o] = scratchWords[0];
        words[o + 1] = scratchWords[1];
        words[o + 2] = frozen;
      }
    }
    if (changed) this.device.queue.writeBuffer(this.buffers.hyper, 0, words);
    this.hyperUploaded = true;
  }

  sync(): Promise<void> {
    // concurrent callers share one readback (a buffer can be mapped once at a time)
    if (!this.pendingSync) {
      this.pendingSync = this.readBack().finally(() => {
        this.pendingSync = null;
      });
    }
    return this.pendingSync;
  }

  private async readBack(): Promise<void> {
    this.check();
    if (!this.stale) return;
    const bytes = this.host.byteLength;
    const encoder = this.device.createCommandEncoder();
    encoder.copyBufferToBuffer(this.buffers.weights, 0, this.buffers.staging, 0, bytes);
    this.device.queue.submit([encoder.finish()]);
    // dispatches submitted after this point are not in this copy: stay stale for them
    this.stale = false;
    const staging = this.buffers.staging;
    await staging.mapAsync(MAP_READ, 0, bytes);
    try {
      this.host.set(new Float32Array(staging.getMappedRange(0, bytes)));
    } finally {
      staging.unmap();
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    const { params, weights, hyper, staging, others } = this.buffers;
    for (const buffer of [params, weights, hyper, staging, ...others]) buffer.destroy();
  }
}

async function createKernel(device: GPUDevice, spec: KernelSpec): Promise<StepKernel> {
  const why = webgpuUnsupported(spec, device.limits.maxStorageBufferBindingSize);
  if (why) throw new Error(`webgpu kernel: ${why}`);
  const layout = netLayout(spec.net);
  const R = spec.replicas;
  const k = layout.sizes[0];
  const out = layout.sizes[layout.layers];
  if (spec.data.train.sxx.length !== k * k || spec.data.train.syx.length !== out * k) {
    throw new Error('webgpu kernel: the dataset’s moments do not match the net’s input/output sizes');
  }

  device.pushErrorScope('validation');
  const module = device.createShaderModule({
    label: `fused step ${layout.sizes.join('-')} ${spec.optimizer}`,
    code: stepShader(layout, { noise: spec.optimizer === 'langevin' }),
  });

  const buffer = (size: number, usage: number, label: string) => device.createBuffer({ size: Math.max(16, Math.ceil(size / 4) * 4), usage, label });
  const weightBytes = R * layout.parameters * 4;
  const params = buffer(16, USAGE.UNIFORM | USAGE.COPY_DST, 'fused params');
  const weights = buffer(weightBytes, USAGE.STORAGE | USAGE.COPY_SRC | USAGE.COPY_DST, 'fused weights');
  const staging = buffer(weightBytes, USAGE.MAP_READ | USAGE.COPY_DST, 'fused weights readback');
  const hyper = buffer(R * 16, USAGE.STORAGE | USAGE.COPY_DST, 'fused replica hyper');
  const keys = buffer(R * 8, USAGE.STORAGE | USAGE.COPY_DST, 'fused noise keys');
  const moments = buffer((k * k + out * k) * 4, USAGE.STORAGE | USAGE.COPY_DST, 'fused moments');

  const keyWords = new Uint32Array(R * 2);
  spec.noiseSeeds.forEach((seed, r) => keyWords.set(langevinKey(seed), 2 * r));
  device.queue.writeBuffer(keys, 0, keyWords);
  const momentData = new Float32Array(k * k + out * k);
  momentData.set(spec.data.train.sxx, 0);
  momentData.set(spec.data.train.syx, k * k);
  device.queue.writeBuffer(moments, 0, momentData);
  device.queue.writeBuffer(weights, 0, new Float32Array(R * layout.parameters));

  // createComputePipelineAsync crashes the process in Dawn's Node bindings (webgpu 0.6.2, seen on
  // SwiftShader); the synchronous call works and errors still land in the error scope
  const pipeline = device.createComputePipeline({ layout: 'auto', compute: { module, entryPoint: 'main' } });
  const bindGroup = device.createBindGroup({
    layout: pipeline.getBindGroupLayout(0),
    entries: [
      { binding: STEP_BINDINGS.params, resource: { buffer: params } },
      { binding: STEP_BINDINGS.weights, resource: { buffer: weights } },
      { binding: STEP_BINDINGS.replicas, resource: { buffer: hyper } },
      { binding: STEP_BINDINGS.keys, resource: { buffer: keys } },
      { binding: STEP_BINDINGS.moments, resource: { buffer: moments } },
    ],
  });
  const error = await device.popErrorScope();
  if (error) {
    for (const b of [params, weights, staging, hyper, keys, moments]) b.destroy();
    throw new Error(`webgpu kernel: ${error.message}`);
  }
  return new WebGpuStepKernel(device, layout, R, pipeline, bindGroup, { params, weights, hyper, staging, others: [keys, moments] });
}

/** the 'webgpu' KernelFactory on a device from outside (tfjs-webgpu's in the browser) */
export function webgpuKernel(deviceProvider: DeviceProvider): KernelFactory {
  return {
    name: 'webgpu',
    unsupported: (spec) => webgpuUnsupported(spec),
    create: async (spec) => createKernel(await deviceProvider(), spec),
  };
}
