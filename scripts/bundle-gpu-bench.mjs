// Bundles the GPU benchmark (tests/bench/gpu.bench.ts) into a folder that runs with plain `node`
// (>= 18) on any Linux x64 machine with a Vulkan driver, no npm install:
//   dist-gpu-bench/gpu-bench.mjs                      the benchmark, one ESM file
//   dist-gpu-bench/node_modules/webgpu/               the `webgpu` loader (index.js) + dawn.node
//   dist-gpu-bench/lib/libvulkan.so.1                 Vulkan loader, used only if the system has none
//   dist-gpu-bench/run.sh                             sets that fallback up and runs the bench
//   dist-gpu-bench/bin/node                           only with --with-node: this machine's node,
//                                                     used where the target has none (~100 MB)
// Copy the folder (e.g. tar czf gpu-bench.tgz dist-gpu-bench) and run dist-gpu-bench/run.sh.
import { build } from 'esbuild';
import { chmodSync, copyFileSync, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist-gpu-bench');
const platform = process.env.GPU_BENCH_PLATFORM ?? 'linux-x64';

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

await build({
  entryPoints: [join(root, 'tests/bench/gpu.bench.ts')],
  outfile: join(out, 'gpu-bench.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node18',
  // resolved at run time from the folder's own node_modules/webgpu (copied below)
  external: ['webgpu'],
  logLevel: 'warning',
});

const pkg = join(root, 'node_modules/webgpu');
const dest = join(out, 'node_modules/webgpu');
mkdirSync(join(dest, 'dist', platform), { recursive: true });
for (const file of ['index.js', 'package.json', 'LICENSE.md']) {
  if (existsSync(join(pkg, file))) copyFileSync(join(pkg, file), join(dest, file));
}
const dawn = join(pkg, 'dist', platform, 'dawn.node');
if (!existsSync(dawn)) throw new Error(`no Dawn binary for ${platform} in the webgpu package (${dawn})`);
copyFileSync(dawn, join(dest, 'dist', platform, 'dawn.node'));

const vulkan = ['/usr/lib/x86_64-linux-gnu/libvulkan.so.1', '/usr/lib64/libvulkan.so.1', '/usr/lib/libvulkan.so.1'].find((p) => existsSync(p));
if (vulkan && platform === 'linux-x64') {
  mkdirSync(join(out, 'lib'), { recursive: true });
  copyFileSync(vulkan, join(out, 'lib', 'libvulkan.so.1'));
}

const withNode = process.argv.includes('--with-node');
if (withNode) {
  mkdirSync(join(out, 'bin'), { recursive: true });
  copyFileSync(process.execPath, join(out, 'bin', 'node'));
  chmodSync(join(out, 'bin', 'node'), 0o755);
}

writeFileSync(
  join(out, 'run.sh'),
  `#!/bin/sh
# Fused WGSL kernel benchmark (L2 Phase Lab). Needs node >= 18 and a Vulkan driver (ICD).
# Options: --replicas 256,1024,4096,16384,65536 --repeats 3 --target-ms 100 --optimizers gd,langevin
#          --swiftshader (software Vulkan)  --dawn backend=vulkan
# The Vulkan loader finds the driver's ICD itself; else set VK_ICD_FILENAMES, e.g.
#   VK_ICD_FILENAMES=/usr/share/vulkan/icd.d/nvidia_icd.json ./run.sh
here="$(cd "$(dirname "$0")" && pwd)"
if ! ldconfig -p 2>/dev/null | grep -q 'libvulkan\\.so\\.1 '; then
  export LD_LIBRARY_PATH="$here/lib\${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
fi
# containers (e.g. nvidia-container-toolkit with the 'graphics' capability) may mount NVIDIA's Vulkan
# driver library without its ICD json: point the loader at it
if [ -z "$VK_ICD_FILENAMES" ] && ! ls /usr/share/vulkan/icd.d/*.json /etc/vulkan/icd.d/*.json >/dev/null 2>&1; then
  for lib in /usr/lib/x86_64-linux-gnu/libGLX_nvidia.so.0 /usr/lib64/libGLX_nvidia.so.0 /usr/lib/libGLX_nvidia.so.0; do
    if [ -e "$lib" ]; then
      icd="\${TMPDIR:-/tmp}/l2lab_nvidia_icd.json"
      printf '{"file_format_version":"1.0.0","ICD":{"library_path":"%s","api_version":"1.3.0"}}\\n' "$lib" > "$icd"
      export VK_ICD_FILENAMES="$icd"
      echo "run.sh: no Vulkan ICD json found; using $lib via $icd" >&2
      break
    fi
  done
fi
node=node
if ! command -v node >/dev/null 2>&1 && [ -x "$here/bin/node" ]; then node="$here/bin/node"; fi
exec "$node" "$here/gpu-bench.mjs" "$@"
`,
);
chmodSync(join(out, 'run.sh'), 0o755);

const size = (p) => (statSync(p).size / 1e6).toFixed(1);
process.stderr.write(
  `bundled ${out}: gpu-bench.mjs ${size(join(out, 'gpu-bench.mjs'))} MB, dawn.node ${size(join(dest, 'dist', platform, 'dawn.node'))} MB` +
    (vulkan ? `, libvulkan.so.1 fallback` : ', no libvulkan fallback') +
    (withNode ? `, node ${process.version}` : '') +
    '\n',
);
