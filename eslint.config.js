// @ts-check
/**
 * Lint: typescript-eslint's recommended rules, the React hooks rules, and the layer rules. The layers,
 * lowest first: pure (physics, data, linalg, permalink, budget, format) → engine, experiments → worker, state,
 * session → charts, ui (shared widgets) → panels, chapters → app (the shell, imported only by src/main.tsx). No import may
 * run up this list; the `no-restricted-imports` blocks below fail the lint when one does.
 */
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const DOM_MODULES = ['react', 'react/*', 'react-dom', 'react-dom/*', '@tensorflow/*', 'd3-selection', 'd3-transition', 'zustand', 'comlink', 'katex'];

/** a relative import that climbs out to one of these top-level folders of src/ */
const up = (...names) => `^(\\.\\./)+(${names.join('|')})(/|$)`;

function layer(files, { modules = [], folders: banned = [], why }) {
  const patterns = [];
  if (modules.length) patterns.push({ group: modules, message: `${why}: no UI, tfjs or DOM modules here` });
  if (banned.length) patterns.push({ regex: up(...banned), message: `${why}: this import runs up the layers` });
  return { files, rules: { 'no-restricted-imports': ['error', { patterns }] } };
}

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'dist-gpu-bench/**',
      'node_modules/**',
      'src/engine/fused/wasm/generated/**',
      'src/engine/fused/wasm/assembly/**',
      'public/**',
      'artifacts/**',
      'test-results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      // `let [rows, cols] = …` where only rows changes reads better than splitting it
      'prefer-const': ['error', { destructuring: 'all' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly', Buffer: 'readonly' } },
  },
  layer(['src/physics/**', 'src/data/**', 'src/linalg/**', 'src/permalink/**', 'src/budget/**', 'src/format/**'], {
    modules: DOM_MODULES,
    folders: ['engine', 'experiments', 'worker', 'state', 'session', 'panels', 'charts', 'app', 'chapters', 'cli'],
    why: 'pure layer',
  }),
  layer(['src/engine/**', 'src/experiments/**'], {
    modules: ['react', 'react/*', 'react-dom', 'react-dom/*', 'zustand', 'd3-selection'],
    folders: ['worker', 'state', 'session', 'panels', 'charts', 'app', 'chapters', 'cli'],
    why: 'engine/experiments layer',
  }),
  layer(['src/worker/**', 'src/state/**'], {
    modules: ['react', 'react/*', 'react-dom', 'react-dom/*'],
    folders: ['session', 'panels', 'charts', 'app', 'chapters', 'cli'],
    why: 'worker/state layer',
  }),
  layer(['src/session/**'], { folders: ['panels', 'charts', 'app', 'chapters', 'cli'], why: 'session layer' }),
  layer(['src/charts/**'], { folders: ['state', 'worker', 'session', 'panels', 'app', 'chapters', 'cli', 'ui'], why: 'charts draw what they are given' }),
  {
    // the physics throws on invalid arguments; charts reach it only through the clamping adapters
    files: ['src/charts/**'],
    ignores: ['src/charts/theory.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: up('state', 'worker', 'session', 'panels', 'app', 'chapters', 'cli', 'ui'),
              message: 'charts draw what they are given: this import runs up the layers',
            },
            { regex: up('physics'), message: 'charts reach the physics only through src/charts/theory.ts (it clamps what the physics would throw on)' },
          ],
        },
      ],
    },
  },
  layer(['src/ui/**'], { folders: ['state', 'worker', 'session', 'panels', 'charts', 'app', 'chapters', 'cli'], why: 'shared UI widgets know no view' }),
  layer(['src/panels/**', 'src/chapters/**'], { folders: ['app', 'cli'], why: 'panels and chapters sit below the shell' }),
  layer(['src/cli/**'], {
    modules: ['react', 'react/*', 'react-dom', 'react-dom/*'],
    folders: ['app', 'panels', 'charts', 'chapters', 'session', 'state'],
    why: 'the CLI has no UI',
  }),
);
