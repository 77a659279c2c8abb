/**
 * Trained weights in a link: Float32 layers, deflated (CompressionStream, in every modern browser
 * and Node ≥ 18) and base64url-encoded. Layout before compression (little-endian):
 *   u8 format version, u8 trainers, then per trainer: u8 layers, per layer: u32 length, f32 × length.
 */
const FORMAT = 1;

export type TrainerWeights = Float32Array[];

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const blob = new Blob([bytes as BlobPart]);
  const buffer = await new Response(blob.stream().pipeThrough(stream)).arrayBuffer();
  return new Uint8Array(buffer);
}

export async function encodeWeights(trainers: TrainerWeights[]): Promise<string> {
  if (trainers.length > 255 || trainers.some((layers) => layers.length > 255)) throw new RangeError('too many trainers or layers for a link');
  const size = 2 + trainers.reduce((s, layers) => s + 1 + layers.reduce((t, w) => t + 4 + 4 * w.length, 0), 0);
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
  return toBase64Url(await pipe(new Uint8Array(view.buffer), new CompressionStream('deflate-raw')));
}

/** Decode, or explain why not (never throws). */
export async function decodeWeights(text: string): Promise<{ weights: TrainerWeights[] } | { error: string }> {
  let bytes: Uint8Array;
  try {
    bytes = await pipe(fromBase64Url(text), new DecompressionStream('deflate-raw'));
  } catch {
    return { error: 'the weights in the link are truncated or damaged' };
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    let at = 0;
    if (view.getUint8(at++) !== FORMAT) return { error: 'the weights in the link use an unknown format' };
    const count = view.getUint8(at++);
    const trainers: TrainerWeights[] = [];
    for (let t = 0; t < count; t++) {
      const layers: Float32Array[] = [];
      const layerCount = view.getUint8(at++);
      for (let l = 0; l < layerCount; l++) {
        const length = view.getUint32(at, true);
        at += 4;
        if (at + 4 * length > bytes.byteLength) return { error: 'the weights in the link are truncated' };
        const w = new Float32Array(length);
        for (let i = 0; i < length; i++, at += 4) w[i] = view.getFloat32(at, true);
        if (w.some((x) => !Number.isFinite(x))) return { error: 'the weights in the link contain non-numbers' };
        layers.push(w);
      }
      trainers.push(layers);
    }
    if (at !== bytes.byteLength) return { error: 'the weights in the link have trailing bytes' };
    return { weights: trainers };
  } catch {
    return { error: 'the weights in the link are truncated' };
  }
}
