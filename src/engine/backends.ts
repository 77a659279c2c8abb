/**
 * Starting a tfjs backend by name, for Node (CLI, tests, benchmark). The browser's backend
 * choice policy lives in src/worker. Nothing here is Node-only: the wasm backend locates its
 * .wasm files by itself in Node; a browser bundle must call setWasmPaths first (see src/worker).
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';

export type BackendName = 'wasm' | 'cpu' | 'webgl' | 'webgpu';

const HINTS: Partial<Record<BackendName, string>> = {
  webgl: 'tfjs-webgl needs a WebGL2 context (a browser); it is not available in Node',
  webgpu: 'tfjs-webgpu needs navigator.gpu with an adapter (a browser); it is not available in Node',
};

export async function initBackend(name: BackendName): Promise<BackendName> {
  if (name === 'wasm') {
    // threads gave nothing on 2 cores and crashed a minified build (design.md)
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  }
  if (name === 'webgpu') await import('@tensorflow/tfjs-backend-webgpu');
  let ok = false;
  try {
    ok = await tf.setBackend(name);
    if (ok) await tf.ready();
  } catch {
    ok = false;
  }
  if (!ok || tf.getBackend() !== name) {
    throw new Error(`tfjs backend '${name}' could not start${HINTS[name] ? `: ${HINTS[name]}` : ''}`);
  }
  return name;
}

/** the backend tfjs is running on now */
export function currentBackend(): string {
  return tf.getBackend();
}
