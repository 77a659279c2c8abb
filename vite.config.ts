/// <reference types="vitest/config" />
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

/**
 * Content-Security-Policy of the app (issue 12). What the app needs, and nothing else:
 * 'wasm-unsafe-eval' to compile the tfjs .wasm backends (no 'unsafe-eval': nothing evals JS);
 * inline styles (React style props, D3); data: fonts (KaTeX); data:/blob: images (chart PNG export
 * draws the SVG through an <img>); blob: workers (tfjs may spawn them). connect-src 'self' covers the
 * .wasm fetches. The built page carries it as a meta tag; the dev and preview servers also send it as
 * a header. The dev server needs two additions for itself only: the React refresh preamble is an
 * inline script, and hot reload talks over a websocket.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data: blob:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
].join('; ');

const DEV_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace(
  "connect-src 'self'",
  "connect-src 'self' ws: wss:",
);

/** the meta tag goes into the built index.html only (in dev it would block the refresh preamble) */
function cspMetaTag(): Plugin {
  return {
    name: 'l2lab-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' }],
  };
}

/**
 * Service-worker routing. Links carry the whole state in the query, and every query must get the
 * one cached page: the navigateFallback route serves index.html to every navigation whatever its
 * query. No parameter stripping on the precache lookup: workbox deletes matching parameters one
 * by one (quadratic: 16 000 keys took 28 s, 50 000 hung the origin for minutes); [] tests none.
 */
export const workboxRouting = {
  navigateFallback: 'index.html',
  ignoreURLParametersMatching: [] as RegExp[],
};

export default defineConfig({
  server: { headers: { 'Content-Security-Policy': DEV_CONTENT_SECURITY_POLICY } },
  preview: { headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY } },
  plugins: [
    react(),
    cspMetaTag(),
    // Offline after the first visit (a lecture hall without Wi-Fi): precache the whole build, the
    // tfjs .wasm files and the two ~2.4 MB worker chunks included (hence the raised size limit).
    // Registered from main.tsx in production builds only.
    VitePWA({
      strategies: 'generateSW',
      registerType: 'autoUpdate',
      injectRegister: false,
      includeAssets: ['favicon.svg'],
      manifest: {
        name: 'L2 Phase Lab',
        short_name: 'L2 Phase Lab',
        description: 'Watch deep networks go through L2-regularization phase transitions, live.',
        theme_color: '#1d3557',
        background_color: '#ffffff',
        display: 'standalone',
        icons: [{ src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,wasm,woff2,svg,webmanifest}'],
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
        ...workboxRouting,
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: true,
      },
    }),
  ],
  worker: { format: 'es' },
  optimizeDeps: {
    include: ['@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm', '@tensorflow/tfjs-backend-webgpu'],
  },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    pool: 'forks',
  },
});
