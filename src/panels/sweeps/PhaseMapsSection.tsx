/** 2-D phase diagrams: γ × depth (from the phase-diagram job) and γ × η (from the eta-map job). */
import { useMemo } from 'react';
import { ChartFrame } from '../../charts/ChartFrame';
import { SERIES_COLORS } from '../../charts/palette';
import type { LegendItem } from '../../charts/Legend';
import { PhaseMapChart, type MapCategory, type MapCell, type MapOverlay } from '../../charts/sweeps/PhaseMapChart';
import type { DiagramOutcome, EtaMapOutcome } from '../../state/sweeps';
import { classifyPhase, learnedCount, totalLoss, type PhaseClass } from '../../experiments/sweepAnalysis';
import { thresholds } from '../../experiments/sampleThresholds';
import { gammaGrid } from '../../physics';
import { cellEdges } from './mapGeometry';

const PHASES: Record<PhaseClass, MapCategory> = {
  learned: { label: 'learned (global minimum)', color: '#6fb7e6' },
  metastable: { label: 'learned, metastable (trivial has lower loss)', color: '#f3c26b' },
  trivial: { label: 'trivial', color: '#e9e9e9' },
};
const PHASE_ORDER: PhaseClass[] = ['learned', 'metastable', 'trivial'];
const RANK_COLORS = ['#e9e9e9', '#b9dcf2', '#6fb7e6', '#2b7bb9', '#14507d', '#0b2f4a'];

const overlayLegend: LegendItem[] = [
  { label: 'γc (theory)', color: '#000', glyph: 'line' },
  { label: 'γsp (theory)', color: SERIES_COLORS.spinodal, glyph: 'dashed' },
];

/** `height`: the SVG's height where the layout sets it (lecture mode fills the first screen) */
export function DepthMap({ outcome, height }: { outcome: DiagramOutcome; height?: number }) {
  const modes = outcome.modes;
  const K = modes.etas.length;
  const { cells, categories, overlays, rows } = useMemo(() => {
    const edges = cellEdges(outcome.gammas);
    const cells: MapCell[] = [];
    const rows: Array<Record<string, number | string>> = [];
    outcome.diagrams.forEach((d, r) => {
      d.learned.forEach((p, i) => {
        const q = d.trivial[i];
        let category: number;
        let label: string;
        if (K === 1) {
          const phase = classifyPhase(p.modeOverlaps[0], totalLoss(p), totalLoss(q), modes.etas[0]);
          category = PHASE_ORDER.indexOf(phase);
          label = phase;
        } else {
          category = learnedCount(p.modeOverlaps, modes.etas);
          label = `${category} learned`;
        }
        cells.push({ x0: edges[i], x1: edges[i + 1], y0: r - 0.5, y1: r + 0.5, category });
        rows.push({ depth: d.depth, gamma: p.gamma, phase: label });
      });
    });
    const categories =
      K === 1
        ? PHASE_ORDER.map((p) => PHASES[p])
        : Array.from({ length: K + 1 }, (_, c) => ({ label: c === 0 ? 'trivial' : `${c} feature${c > 1 ? 's' : ''} learned`, color: RANK_COLORS[c] }));
    const overlays: MapOverlay[] = outcome.diagrams.flatMap((d, r) =>
      modes.etas.flatMap((eta, k) => {
        const { gammaC, gammaSp } = thresholds(d.depth, eta, modes.strengths[k]);
        const seg = (g: number | null, color: string, dash?: 'dashed'): MapOverlay[] =>
          g === null
            ? []
            : [
                {
                  color,
                  dash,
                  data: [
                    [g, r - 0.5],
                    [g, r + 0.5],
                  ],
                },
              ];
        return [...seg(gammaC, '#000'), ...seg(gammaSp, SERIES_COLORS.spinodal, 'dashed')];
      }),
    );
    return { cells, categories, overlays, rows };
  }, [outcome, modes, K]);
  const n = outcome.diagrams.length;
  return (
    <ChartFrame
      title="Phase diagram γ × depth"
      subtitle="Colour: the phase of the replica started learned (feature counted as learned when |p| > 0.02 η), and for one feature whether it or the trivial start has the lower loss. Lines: exact thresholds from the sample's η̂."
      data={() => rows}
      meta={{ spec: outcome.spec, empiricalEta: modes.etas }}
      filename="phase-diagram-gamma-depth"
      testId="sweeps-depthmap"
    >
      <PhaseMapChart
        cells={cells}
        categories={categories}
        overlays={overlays}
        overlayLegend={overlayLegend}
        xDomain={[0, outcome.gammas[outcome.gammas.length - 1]]}
        yDomain={[-0.5, n - 0.5]}
        yTicks={outcome.diagrams.map((d, r) => ({ value: r, label: `D = ${d.depth}` }))}
        xLabel="regularization γ"
        yLabel="depth"
        height={height ?? Math.max(340, 110 + 48 * n)}
        ariaLabel="phase diagram gamma by depth"
      />
    </ChartFrame>
  );
}

export function EtaMap({ outcome }: { outcome: EtaMapOutcome }) {
  const { result } = outcome;
  const { cells, overlays, rows } = useMemo(() => {
    const gEdges = cellEdges(result.gammas);
    const eEdges = cellEdges(result.rows.map((r) => r.empiricalEta));
    const cells: MapCell[] = [];
    const rows: Array<Record<string, number | string>> = [];
    result.rows.forEach((row, r) => {
      result.gammas.forEach((gamma, i) => {
        const phase = classifyPhase(row.learned[i], row.learnedLoss[i], row.trivialLoss[i], row.empiricalEta);
        cells.push({ x0: gEdges[i], x1: gEdges[i + 1], y0: eEdges[r], y1: eEdges[r + 1], category: PHASE_ORDER.indexOf(phase) });
        rows.push({ eta: row.empiricalEta, gamma, phase, p_learned_start: row.learned[i], p_trivial_start: row.trivial[i] });
      });
    });
    const etas = gammaGrid(eEdges[0], eEdges[eEdges.length - 1], 200);
    const curve = (pick: 'gammaC' | 'gammaSp') => etas.map((eta) => [thresholds(result.depth, eta)[pick] ?? NaN, eta] as [number, number | null]);
    const overlays: MapOverlay[] = [
      { color: '#000', data: curve('gammaC') },
      { color: SERIES_COLORS.spinodal, dash: 'dashed', data: curve('gammaSp') },
    ];
    return { cells, overlays, rows };
  }, [result]);
  const first = result.rows[0];
  const last = result.rows[result.rows.length - 1];
  return (
    <ChartFrame
      title={`Phase diagram γ × η (D = ${result.depth})`}
      subtitle={`One whitened single-feature dataset per η (${result.rows.length} η × ${result.gammas.length} γ × 2 starts). Both thresholds grow like η^(${2 * result.depth}/${result.depth + 1}).`}
      data={() => rows}
      meta={{ depth: result.depth, width: outcome.width, lr: outcome.lr }}
      filename="phase-diagram-gamma-eta"
      testId="sweeps-etamap"
    >
      <PhaseMapChart
        cells={cells}
        categories={PHASE_ORDER.map((p) => PHASES[p])}
        overlays={overlays}
        overlayLegend={overlayLegend}
        xDomain={[0, result.gammas[result.gammas.length - 1]]}
        yDomain={[
          first.empiricalEta - (result.rows[1]?.empiricalEta - first.empiricalEta || 0.05) / 2,
          last.empiricalEta + (last.empiricalEta - (result.rows[result.rows.length - 2]?.empiricalEta ?? last.empiricalEta - 0.05)) / 2,
        ]}
        xLabel="regularization γ"
        yLabel="feature strength η"
        height={340}
        ariaLabel="phase diagram gamma by eta"
      />
    </ChartFrame>
  );
}
