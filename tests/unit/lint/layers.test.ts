/** The layer rules of eslint.config.js: an import that runs up the layers fails the lint. */
import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

const eslint = new ESLint({ cwd: process.cwd() });

async function layerErrors(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: file });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layer rules', () => {
  it.each([
    ['src/physics/x.ts', "import { useParameters } from '../state/parameters';"],
    ['src/physics/x.ts', "import { useState } from 'react';"],
    ['src/data/x.ts', "import * as tf from '@tensorflow/tfjs';"],
    ['src/budget/x.ts', "import type { Job } from '../worker/jobs/protocol';"],
    ['src/engine/fused/x.ts', "import { useTelemetry } from '../../state/telemetry';"],
    ['src/experiments/x.ts', "import { getController } from '../session/controller';"],
    ['src/charts/escape/x.ts', "import { useSweepsStore } from '../../state/sweeps';"],
    ['src/charts/x.ts', "import { reducedLoss } from '../physics';"],
    ['src/panels/sweeps/x.ts', "import { App } from '../../app/App';"],
    ['src/chapters/x.ts', "import { currentLink } from '../app/permalink';"],
    ['src/session/x.ts', "import { ControlsPanel } from '../panels/ControlsPanel';"],
  ])('%s may not %s', async (file, source) => {
    expect(await layerErrors(file, source)).toHaveLength(1);
  });

  it.each([
    ['src/charts/theory.ts', "import * as physics from '../physics';"],
    ['src/panels/x.ts', "import { getController } from '../session/controller';"],
    ['src/chapters/x.ts', "import { useClassroom } from '../session/classroom';"],
    ['src/worker/x.ts', "import { startSession } from './session';"],
    ['src/main.tsx', "import { App } from './app/App';"],
    ['src/engine/x.ts', "import * as tf from '@tensorflow/tfjs';"],
  ])('%s may %s', async (file, source) => {
    expect(await layerErrors(file, source)).toEqual([]);
  });
});
