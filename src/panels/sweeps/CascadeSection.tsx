/** The feature cascade: each feature's order parameter vs γ (a staircase), rank phases, and the count of coexisting stable states. */
import { useMemo } from 'react';
import { ChartFrame } from '../../charts/ChartFrame';
import { featureColor, SERIES_COLORS, subscript } from '../../charts/palette';
import type { LegendItem } from '../../charts/Legend';
import { PanelGrid, type Band, type Panel } from '../../charts/sweeps/PanelGrid';
import type { CascadeOutcome } from '../../state/sweeps';
import { dropGamma } from '../../experiments/sweepAnalysis';
import { thresholds } from '../../experiments/sampleThresholds';
import { gammaGrid } from '../../physics';
import { rankBands, stableStateCounts, theoryBranches } from './theoryCurves';
import { thresholdRules } from './OrderParameterSection';

export function CascadeSection({ outcome }: { outcome: CascadeOutcome }) {
  const modes = outcome.modes;
  const depth = outcome.depth;
  const gammaMax = outcome.gammas[outcome.gammas.length - 1];
  const xDomain: [number, number] = [0, gammaMax];
  const fine = useMemo(() => gammaGrid(1e-4, gammaMax, 600), [gammaMax]);
  const bands: Band[] = useMemo(
    () =>
      rankBands(depth, modes, fine).map((b) => ({
        x0: b.from,
        x1: b.to,
        color: b.rank === 0 ? '#ffffff' : '#0072B2',
        opacity: 0.05 + 0.06 * b.rank,
        label: `rank ${b.rank}`,
      })),
    [depth, modes, fine],
  );
  const drops = modes.etas.map((eta, k) => dropGamma(outcome.diagram.learned, k, eta));
  const spinodals = modes.etas.map((eta, k) => thresholds(depth, eta, modes.strengths[k]).gammaSp);
  const panels: Panel[] = useMemo(
    () => [
      {
        key: 'staircase',
        yLabel: 'order parameter p_k',
        yDomain: [0, 1.08 * Math.max(...modes.etas.map((e, k) => e / modes.strengths[k]))],
        bands,
        lines: modes.etas.flatMap((eta, k) => {
          const t = theoryBranches(depth, eta, modes.strengths[k], fine);
          return [
            { color: featureColor(k), width: 1.6, data: t.global },
            { color: featureColor(k), width: 1.4, dash: 'dashed' as const, data: t.metastable },
          ];
        }),
        points: modes.etas.map((_, k) => ({
          color: featureColor(k),
          glyph: 'dot' as const,
          r: 2.8,
          data: outcome.diagram.learned.map((p) => [p.gamma, Math.abs(p.modeOverlaps[k])] as const),
        })),
        rules: thresholdRules(depth, modes).filter((r) => r.color === SERIES_COLORS.spinodal),
      },
    ],
    [bands, modes, depth, fine, outcome],
  );
  const legend: LegendItem[] = [
    ...modes.etas.map((eta, k) => ({
      label: `feature ${k + 1}: η̂${subscript(k + 1)} = ${eta.toFixed(3)} (learned start)`,
      color: featureColor(k),
      glyph: 'dot' as const,
    })),
    { label: 'global minimum (theory)', color: '#444', glyph: 'line' },
    { label: 'metastable (theory)', color: '#444', glyph: 'dashed' },
    { label: 'γsp', color: SERIES_COLORS.spinodal, glyph: 'dashed' },
  ];
  const counts = useMemo(() => stableStateCounts(depth, modes, fine), [depth, modes, fine]);
  const maxCount = Math.max(...counts.map(([, c]) => c));
  const countPanels: Panel[] = [
    {
      key: 'count',
      yLabel: '# stable states',
      yDomain: [0, maxCount + 0.6],
      bands,
      lines: [{ color: '#222', step: true, data: counts.map(([g, c]) => [g, c] as [number, number | null]) }],
      rules: thresholdRules(depth, modes, false),
    },
  ];
  const dropText = drops.map((d, k) => `${d === null ? '—' : d.toFixed(3)} (γsp${subscript(k + 1)} = ${spinodals[k]?.toFixed(4) ?? '—'})`).join(', ');
  return (
    <>
      <ChartFrame
        title={`Feature cascade (D = ${depth})`}
        subtitle={`Each feature switches off on its own: started learned, feature k drops at ${dropText} — measured on a grid step of ${(outcome.gammas[1] - outcome.gammas[0]).toFixed(4)}, theory from the sample's η̂ and input strengths. Shading: rank of the global minimum.`}
        data={() =>
          outcome.diagram.learned.flatMap((p, i) =>
            modes.etas.map((_, k) => ({
              gamma: p.gamma,
              feature: k + 1,
              p_learned_start: p.modeOverlaps[k],
              p_trivial_start: outcome.diagram.trivial[i].modeOverlaps[k],
            })),
          )
        }
        meta={{ spec: outcome.spec, depth, width: outcome.width, empiricalEta: modes.etas, strengths: modes.strengths, measuredDrops: drops, spinodals }}
        filename="feature-cascade"
        testId="sweeps-cascade"
      >
        <PanelGrid panels={panels} xDomain={xDomain} xLabel="regularization γ" legend={legend} ariaLabel="feature cascade" panelHeight={300} />
      </ChartFrame>
      <ChartFrame
        title="Coexisting (meta)stable states"
        subtitle="Product over features of (origin stable) + (learned minimum exists): 2ᴷ deep in the metastable windows, 1 once every feature is past its spinodal."
        data={() => counts.map(([gamma, count]) => ({ gamma, stableStates: count }))}
        meta={{ depth, empiricalEta: modes.etas, strengths: modes.strengths }}
        filename="stable-state-count"
        testId="sweeps-count"
      >
        <PanelGrid
          panels={countPanels}
          xDomain={xDomain}
          xLabel="regularization γ"
          legend={[
            { label: 'stable states (theory)', color: '#222', glyph: 'line' },
            { label: 'γc', color: SERIES_COLORS.critical, glyph: 'dashed' },
            { label: 'γsp', color: SERIES_COLORS.spinodal, glyph: 'dashed' },
          ]}
          ariaLabel="count of stable states"
          panelHeight={190}
        />
      </ChartFrame>
    </>
  );
}
