/**
 * Trained weights in a link: Float32 layers, deflated (CompressionStream, in every modern browser
 * and Node ≥ 18) and base64url-encoded. Layout before compression (little-endian):
 *   u8 format version, u8 trainers, then per trainer: u8 layers, per layer: u32 length, f32 × length.
 *
 * A link is untrusted: 1 GiB of zeros deflates to ~1 MB. So the decoder is told the network the
 * link's own parameters describe, knows from it the exact inflated size, and stops inflating as
 * soon as the output passes it (a bomb costs at most the cap plus one chunk, never its full size).
 */
import { parameterFields } from './schema';

const FORMAT = 1;

export type TrainerWeights = Float32Array[];

/** per trainer, the length of each layer (row-major [out, in]) */
export type WeightShape = number[][];

/** the trained nets a parameter set describes: one trainer per trained depth (D = 1, 2, 3 when comparing) */
export function weightShapeOf(p: { depth: number; width: number; inputDim: number; outputDim: number; compareDepths: boolean }): WeightShape {
  const depths = p.compareDepths ? [1, 2, 3] : [p.depth];
  return depths.map((depth) => {
    const widths = [p.inputDim, ...Array.from({ length: depth }, () => p.width), p.outputDim];
    return widths.slice(1).map((w, l) => w * widths[l]);
  });
}

/** bytes of the uncompressed layout for a shape */
export function encodedSize(shape: WeightShape): number {
  return 2 + shape.reduce((s, layers) => s + 1 + layers.reduce((t, n) => t + 4 + 4 * n, 0), 0);
}

const largest = (key: 'depth' | 'width' | 'inputDim' | 'outputDim') => parameterFields[key].maxValue as number;
/** the largest network any valid link describes (compare depths or the deepest single net) */
export const MAX_WEIGHT_BYTES = Math.max(
  ...[true, false].map((compareDepths) =>
    encodedSize(
      weightShapeOf({ depth: largest('depth'), width: largest('width'), inputDim: largest('inputDim'), outputDim: largest('outputDim'), compareDepths }),
    ),
  ),
);
/** base64url of the deflated largest network: deflate adds at most ~0.1 % + a few bytes to incompressible data */
export const MAX_WEIGHTS_TEXT = Math.ceil(((MAX_WEIGHT_BYTES * 1.01 + 64) * 4) / 3);

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

async function compress(bytes: Uint8Array): Promise<Uint8Array> {
  const blob = new Blob([bytes as BlobPart]);
  return new Uint8Array(await new Response(blob.stream().pipeThrough(new CompressionStream('deflate-raw'))).arrayBuffer());
}

/** compressed input is fed in small pieces: one piece inflates to at most ~1 MB (deflate's 1032:1) */
const INPUT_PIECE = 1024;

/**
 * Inflate at most `cap` bytes. `complete` is false as soon as the output would pass the cap; `bytes`
 * then holds the first `cap` bytes (enough to read a header). Throws on damaged input. The input is
 * written piece by piece under backpressure, so a bomb stops after ~cap bytes of work.
 */
export async function inflateCapped(bytes: Uint8Array<ArrayBuffer>, cap: number): Promise<{ bytes: Uint8Array; complete: boolean }> {
  const stream = new DecompressionStream('deflate-raw');
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  let stopped = false;
  const pump = (async () => {
    for (let at = 0; at < bytes.length; at += INPUT_PIECE) {
      await writer.ready;
      if (stopped) return;
      writer.write(bytes.subarray(at, at + INPUT_PIECE)).catch(() => {});
    }
    await writer.close();
  })();
  pump.catch(() => {});
  const out = new Uint8Array(cap);
  let length = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (length + value.byteLength > cap) {
        out.set(value.subarray(0, cap - length), length);
        stopped = true;
        await reader.cancel().catch(() => {});
        await writer.abort().catch(() => {});
        return { bytes: out, complete: false };
      }
      out.set(value, length);
      length += value.byteLength;
    }
    await pump;
  } catch (error) {
    stopped = true;
    await writer.abort().catch(() => {});
    throw error;
  }
  return { bytes: out.subarray(0, length), complete: true };
}

export async function encodeWeights(trainers: TrainerWeights[]): Promise<string> {
  if (trainers.length > 255 || trainers.some((layers) => layers.length > 255)) throw new RangeError('too many trainers or layers for a link');
  const size = encodedSize(trainers.map((layers) => layers.map((w) => w.length)));
  const view = new DataView(new ArrayBuffer(size));
  let at = 0;
  view.setUint8(at++, FORMAT);
  view.setUint8(at++, trainers.length);
  for (const layers of trainers) {
    view.setUint8(at++, layers.length);
    for (const w of layers) {
      view.setUint32(at, w.length, true);
      at += 4;
      for (const x of w) {
        view.setFloat32(at, x, true);
        at += 4;
      }
    }
  }
  return toBase64Url(await compress(new Uint8Array(view.buffer)));
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * Decode, or explain why not (never throws). `expected`: the network the link's parameters
 * describe; the weights must match it exactly (trainers, layers, lengths). Without it, any network
 * up to the largest a valid link can describe is accepted.
 */
export async function decodeWeights(text: string, expected?: WeightShape): Promise<{ weights: TrainerWeights[] } | { error: string }> {
  if (text.length > MAX_WEIGHTS_TEXT) return { error: `the weights in the link are ${text.length} characters long, more than any network of this app needs` };
  const cap = Math.min(expected ? encodedSize(expected) : MAX_WEIGHT_BYTES, MAX_WEIGHT_BYTES);
  let inflated: { bytes: Uint8Array; complete: boolean };
  try {
    inflated = await inflateCapped(fromBase64Url(text), cap);
  } catch {
    return { error: 'the weights in the link are truncated or damaged' };
  }
  const { bytes, complete } = inflated;
  // past the cap, the header in the first `cap` bytes may still say what is wrong; else the size does
  const tooBig = { error: `the weights in the link inflate to more than the ${cap} bytes ${expected ? 'this network needs' : 'the largest network needs'}` };
  const truncated = complete ? { error: 'the weights in the link are truncated' } : tooBig;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    let at = 0;
    if (view.getUint8(at++) !== FORMAT) return { error: 'the weights in the link use an unknown format' };
    const count = view.getUint8(at++);
    if (expected && count !== expected.length) {
      return { error: `the weights in the link are for ${plural(count, 'network')}, this setup trains ${expected.length}` };
    }
    const trainers: TrainerWeights[] = [];
    for (let t = 0; t < count; t++) {
      const layers: Float32Array[] = [];
      const layerCount = view.getUint8(at++);
      if (expected && layerCount !== expected[t].length) {
        return { error: `the weights in the link have ${plural(layerCount, 'layer')} for network ${t + 1}, this setup has ${expected[t].length}` };
      }
      for (let l = 0; l < layerCount; l++) {
        const length = view.getUint32(at, true);
        at += 4;
        if (expected && length !== expected[t][l]) {
          return { error: `layer ${l + 1} of network ${t + 1} in the link has ${length} weights, this setup needs ${expected[t][l]}` };
        }
        if (at + 4 * length > bytes.byteLength) return truncated;
        const w = new Float32Array(length);
        for (let i = 0; i < length; i++, at += 4) w[i] = view.getFloat32(at, true);
        if (w.some((x) => !Number.isFinite(x))) return { error: 'the weights in the link contain non-numbers' };
        layers.push(w);
      }
      trainers.push(layers);
    }
    if (!complete) return tooBig;
    if (at !== bytes.byteLength) return { error: 'the weights in the link have trailing bytes' };
    return { weights: trainers };
  } catch {
    return truncated;
  }
}
