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
  if (!(await trySetBackend(name))) {
    throw new Error(`tfjs backend '${name}' could not start${HINTS[name] ? `: ${HINTS[name]}` : ''}`);
  }
  return name;
}

/**
 * Switch tfjs to `name`; false when it cannot start. `setBackend` resolves false or throws
 * depending on the backend, and may leave another one active: check all three.
 */
export async function trySetBackend(name: BackendName): Promise<boolean> {
  try {
    if (!(await tf.setBackend(name))) return false;
    await tf.ready();
  } catch {
    return false;
  }
  return tf.getBackend() === name;
}

/** the backend tfjs is running on now */
export function currentBackend(): string {
  return tf.getBackend();
}
