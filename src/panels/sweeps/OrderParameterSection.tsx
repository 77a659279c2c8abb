/** Order parameter vs γ per depth, and the thermodynamics L⋆, ∂L⋆/∂γ, ∂²L⋆/∂γ² (measured vs exact). */
import { useMemo } from 'react';
import { ChartFrame } from '../../charts/ChartFrame';
import { featureColor, OKABE_ITO, SERIES_COLORS, subscript } from '../../charts/palette';
import type { LegendItem } from '../../charts/Legend';
import { PanelGrid, type Panel, type VRule } from '../../charts/sweeps/PanelGrid';
import type { Row } from '../../charts/serialize';
import type { DiagramOutcome } from '../../state/sweeps';
import { gammaGrid, normSqJump } from '../../physics';
import type { EmpiricalModes } from '../../data';
import { equalLossCrossing, measuredThermo, spinodalBracket } from '../../experiments/sweepAnalysis';
import { sampleThresholds, thresholds } from '../../experiments/sampleThresholds';
import { theoryBranches, theoryThermo, thermoCurve } from './theoryCurves';

const KIND = ['ridge: smooth', 'continuous kink (2nd order)', 'jump (1st order)'];
const kindOf = (d: number) => KIND[Math.min(d, 2)];

export function thresholdRules(depth: number, modes: EmpiricalModes, labels = true): VRule[] {
  return modes.etas.flatMap((eta, k) => {
    const { gammaC, gammaSp } = thresholds(depth, eta, modes.strengths[k]);
    const tag = modes.etas.length > 1 ? subscript(k + 1) : '';
    const rules: VRule[] = [];
    // γc labels left of their rule, γsp right, one row per feature: nearby rules stay readable
    if (gammaC !== null) rules.push({ x: gammaC, label: labels ? `γc${tag}` : undefined, color: SERIES_COLORS.critical, dash: 'dashed', side: 'left', row: k });
    if (gammaSp !== null)
      rules.push({ x: gammaSp, label: labels ? `γsp${tag}` : undefined, color: SERIES_COLORS.spinodal, dash: 'dashed', side: 'right', row: k });
    return rules;
  });
}

export function OrderParameterSection({ outcome }: { outcome: DiagramOutcome }) {
  const modes = outcome.modes;
  /** measured thresholds of one feature: the equal-loss crossing and the bracket of the learned start's drop */
  const measuredNote = (d: DiagramOutcome['diagrams'][number]): string | null => {
    const crossing = equalLossCrossing(d, modes.etas[0]);
    const bracket = spinodalBracket(d.learned, 0, modes.etas[0]);
    const exact = sampleThresholds(outcome.spec, d.depth, 0, modes);
    const parts = [];
    if (crossing !== null) parts.push(`γc ≈ ${crossing.toFixed(4)} (exact ${exact.gammaC?.toFixed(4)})`);
    if (bracket) parts.push(`γsp ∈ (${bracket[0].toFixed(4)}, ${bracket[1].toFixed(4)}] (exact ${exact.gammaSp?.toFixed(4)})`);
    return parts.length ? `D = ${d.depth}: ${parts.join(', ')}` : null;
  };
  const measuredLines =
    modes.etas.length === 1
      ? outcome.diagrams
          .filter((d) => d.depth >= 2)
          .map(measuredNote)
          .filter((n): n is string => n !== null)
      : [];
  const gammaMax = outcome.gammas[outcome.gammas.length - 1];
  const xDomain: [number, number] = [0, gammaMax];
  const fine = useMemo(() => gammaGrid(1e-4, gammaMax, 500), [gammaMax]);
  const K = modes.etas.length;
  const panels: Panel[] = useMemo(
    () =>
      outcome.diagrams.map((d) => {
        const lines = modes.etas.flatMap((eta, k) => {
          const t = theoryBranches(d.depth, eta, modes.strengths[k], fine);
          return [
            { color: SERIES_COLORS.theory, data: t.global },
            { color: SERIES_COLORS.theory, dash: 'dashed' as const, data: t.metastable },
            { color: '#777', dash: 'dotted' as const, data: t.saddle },
          ];
        });
        // hollow rings under smaller dots: where both starts agree a dot sits inside a ring
        const points = modes.etas.flatMap((_, k) => [
          {
            color: K > 1 ? featureColor(k) : SERIES_COLORS.up,
            glyph: 'hollow' as const,
            data: d.trivial.map((p) => [p.gamma, Math.abs(p.modeOverlaps[k])] as const),
            r: 4.2,
          },
          {
            color: K > 1 ? featureColor(k) : SERIES_COLORS.down,
            glyph: 'dot' as const,
            data: d.learned.map((p) => [p.gamma, Math.abs(p.modeOverlaps[k])] as const),
            r: 2.4,
          },
        ]);
        return {
          key: `D${d.depth}`,
          title: `D = ${d.depth}: ${kindOf(d.depth)}`,
          yLabel: 'order parameter p',
          yDomain: [0, 1.08 * Math.max(...modes.etas.map((e, k) => e / modes.strengths[k]))] as [number, number],
          lines,
          points,
          rules: thresholdRules(d.depth, modes),
        };
      }),
    [outcome, modes, fine, K],
  );
  const legend: LegendItem[] = [
    { label: 'learned start (measured)', color: K > 1 ? '#555' : SERIES_COLORS.down, glyph: 'dot' },
    { label: 'trivial start (measured)', color: K > 1 ? '#555' : SERIES_COLORS.up, glyph: 'hollow' },
    ...(K > 1 ? modes.etas.map((eta, k) => ({ label: `feature ${k + 1} (η̂ = ${eta.toFixed(3)})`, color: featureColor(k), glyph: 'line' as const })) : []),
    { label: 'global minimum (theory)', color: SERIES_COLORS.theory, glyph: 'line' },
    { label: 'metastable branch', color: SERIES_COLORS.theory, glyph: 'dashed' },
    { label: 'saddle', color: '#777', glyph: 'dotted' },
    { label: 'γc coexistence', color: SERIES_COLORS.critical, glyph: 'dashed' },
    { label: 'γsp spinodal', color: SERIES_COLORS.spinodal, glyph: 'dashed' },
  ];
  const data = (): Row[] =>
    outcome.diagrams.flatMap((d) =>
      d.learned.flatMap((p, i) =>
        modes.etas.map((eta, k) => {
          const t = theoryBranches(d.depth, eta, modes.strengths[k], [p.gamma]);
          return {
            depth: d.depth,
            feature: k + 1,
            gamma: p.gamma,
            p_learned_start: p.modeOverlaps[k],
            p_trivial_start: d.trivial[i].modeOverlaps[k],
            p_global_theory: t.global[t.global.length - 1][1],
            p_metastable_theory: t.metastable[0][1],
            p_saddle_theory: t.saddle[0][1],
          };
        }),
      ),
    );
  const etaText = modes.etas.map((e) => e.toFixed(4)).join(', ');
  return (
    <ChartFrame
      title="Order parameter vs γ"
      subtitle={
        <>
          Each dot is one replica run to convergence at its γ; filled: started from the unregularized solution, hollow: started at 0. Lines:{' '}
          {outcome.spec.whiten ? 'exact theory' : 'per-mode approximation (a = v̂ᵀΣxx v̂; the readout below uses the exact sample theory)'} with the sample&apos;s
          singular values η̂ = ({etaText}). At D ≥ 2 both states are stable on all of 0 &lt; γ &lt; γsp (the origin is a local minimum for every γ &gt; 0); γc
          only marks where the learned one stops being the lower.
        </>
      }
      data={data}
      meta={{ spec: outcome.spec, width: outcome.width, lr: outcome.lr, empiricalEta: modes.etas, strengths: modes.strengths }}
      filename="order-parameter-vs-gamma"
      testId="sweeps-order"
    >
      <PanelGrid
        panels={panels}
        columns={3}
        xDomain={xDomain}
        xLabel="regularization γ"
        legend={legend}
        ariaLabel="order parameter vs γ per depth"
        panelHeight={260}
      />
      {measuredLines.length > 0 && (
        <p className="l2s-measured" data-testid="sweeps-measured-thresholds">
          <b>Measured from the replicas</b> (equal-loss crossing of the two starts, interpolated; the grid interval where the learned start drops):{' '}
          {measuredLines.join(' · ')}
        </p>
      )}
    </ChartFrame>
  );
}

export function ThermoSection({ outcome }: { outcome: DiagramOutcome }) {
  const modes = outcome.modes;
  const gammaMax = outcome.gammas[outcome.gammas.length - 1];
  const xDomain: [number, number] = [0, gammaMax];
  const fine = useMemo(() => gammaGrid(1e-4, gammaMax, 600), [gammaMax]);
  const { panels, rows } = useMemo(() => {
    /** the jump that names the order of the transition, on the panel where it shows */
    const noteFor = (depth: number, key: 'value' | 'first' | 'second'): string | undefined => {
      if (depth >= 2 && key === 'first') {
        const jumps = modes.etas.map((eta, k) => normSqJump(depth, eta, modes.strengths[k]).toFixed(3));
        return `latent heat Δ = ${jumps.join(', ')}`;
      }
      if (depth === 1 && key === 'second') return `jump ${modes.strengths.map((a) => (2 / a).toFixed(2)).join(', ')}`;
      return undefined;
    };
    const per = outcome.diagrams.map((d) => ({ depth: d.depth, measured: measuredThermo(d, modes.trivialLoss) }));
    const panels: Panel[] = [];
    const quantities = [
      { key: 'value', label: 'L⋆ − L(0)', title: 'L⋆(γ)' },
      { key: 'first', label: '∂L⋆/∂γ = ‖θ‖²', title: '∂L⋆/∂γ' },
      { key: 'second', label: '∂²L⋆/∂γ²', title: '∂²L⋆/∂γ²' },
    ] as const;
    for (const q of quantities) {
      for (const d of per) {
        const exact = thermoCurve(d.depth, modes, fine, q.key);
        const lo = Math.min(0, ...exact.map(([, v]) => v ?? 0));
        const hi = Math.max(0, ...exact.map(([, v]) => v ?? 0));
        const pad = 0.12 * Math.max(hi - lo, q.key === 'second' ? 1 : 0.1);
        panels.push({
          key: `${q.key}-${d.depth}`,
          title: q.key === 'value' ? `D = ${d.depth}` : undefined,
          yLabel: q.label,
          yDomain: [lo - pad, hi + pad],
          lines: [{ color: '#111', width: 1.5, data: exact }],
          linesOver: true,
          note: noteFor(d.depth, q.key),
          points: [
            {
              color: OKABE_ITO.skyBlue,
              glyph: 'dot',
              r: 3,
              data: d.measured.filter((r) => r[q.key] !== null).map((r) => [r.gamma, r[q.key] as number] as const),
            },
          ],
          rules: thresholdRules(d.depth, modes, q.key === 'value'),
        });
      }
    }
    const rows: Row[] = per.flatMap((d) =>
      d.measured.map((m) => ({
        depth: d.depth,
        gamma: m.gamma,
        L_measured: m.value,
        dL_measured: m.first,
        d2L_measured: m.second,
        ...exactAt(d.depth, m.gamma),
      })),
    );
    function exactAt(depth: number, gamma: number) {
      const [r] = theoryThermo(depth, modes, [gamma]);
      return { L_exact: r.value, dL_exact: r.first, d2L_exact: r.second };
    }
    return { panels, rows };
  }, [outcome, modes, fine]);
  const legend: LegendItem[] = [
    { label: 'measured (lower-loss replica of the two starts)', color: OKABE_ITO.skyBlue, glyph: 'dot' },
    { label: 'exact (sample η̂)', color: '#111', glyph: 'line' },
    { label: 'γc', color: SERIES_COLORS.critical, glyph: 'dashed' },
    { label: 'γsp', color: SERIES_COLORS.spinodal, glyph: 'dashed' },
  ];
  return (
    <ChartFrame
      title="Thermodynamics: L⋆, ∂L⋆/∂γ, ∂²L⋆/∂γ²"
      subtitle={
        <>
          Rows: the optimal loss (relative to the trivial state), its first derivative ‖θ‖² (envelope theorem) and second derivative (central differences of
          ‖θ‖²). D = 1: the second derivative jumps (2nd order). D ≥ 2: the first derivative jumps at γc — a latent heat (1st order); the finite difference
          across the jump is off scale.
          {modes.etas.length > 1 &&
            ' With several features the two starts only sample full rank and rank 0: between the features’ γc the measured point is the lower of those two, above the exact minimum (an intermediate rank).'}
        </>
      }
      data={() => rows}
      meta={{ spec: outcome.spec, empiricalEta: modes.etas, strengths: modes.strengths, trivialLoss: modes.trivialLoss }}
      filename="thermodynamics-vs-gamma"
      testId="sweeps-thermo"
    >
      <PanelGrid
        panels={panels}
        columns={outcome.diagrams.length}
        xDomain={xDomain}
        xLabel="regularization γ"
        legend={legend}
        ariaLabel="thermodynamics vs γ"
        panelHeight={200}
      />
    </ChartFrame>
  );
}
