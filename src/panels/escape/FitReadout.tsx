/** The Arrhenius fits beside the theory: slopes, R², fitted k and the saddle-manifold prediction. */
import { fmtNum, saddleManifoldDimension, type ArrheniusAnalysis } from '../../charts/escape';

export interface FitReadoutProps {
  analysis: ArrheniusAnalysis;
  barrier: number;
  depth: number;
  width: number;
  learnedRank: number;
}

export function FitReadout({ analysis, barrier, depth, width, learnedRank }: FitReadoutProps) {
  const { plain, withPrefactor, fitted, points } = analysis;
  const m = saddleManifoldDimension(depth, width, learnedRank);
  return (
    <div data-testid="escape-fits">
      <table className="esc-table">
        <thead>
          <tr>
            <th>fit</th>
            <th>slope B</th>
            <th>B / B_theory</th>
            <th>k</th>
            <th>R²</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>fit ln τ = B/T + c</td>
            <td data-testid="escape-fit-slope">{fmtNum(plain?.slope, 4)}</td>
            <td>{plain ? fmtNum(plain.slope / barrier) : '—'}</td>
            <td>(0)</td>
            <td data-testid="escape-fit-r2">{fmtNum(plain?.r2, 4)}</td>
          </tr>
          <tr>
            <td>fit ln τ = B/T + k ln T + c</td>
            <td data-testid="escape-fitk-slope">{fmtNum(withPrefactor?.slope, 4)}</td>
            <td>{withPrefactor ? fmtNum(withPrefactor.slope / barrier) : '—'}</td>
            <td data-testid="escape-fitk-k">{fmtNum(withPrefactor?.k)}</td>
            <td>{fmtNum(withPrefactor?.r2, 4)}</td>
          </tr>
          <tr>
            <td>theory (exact, sample moments)</td>
            <td data-testid="escape-theory-barrier">{fmtNum(barrier, 4)}</td>
            <td>1</td>
            <td>m/2 = {fmtNum(m / 2)}</td>
            <td></td>
          </tr>
        </tbody>
      </table>
      <p className="esc-muted">
        Fits use the median escape time of the {fitted} of {points.length} temperatures whose median is observed (censored medians are only lower bounds). Predicted k = m/2 with m ={' '}
        D·(width − r − 1) = {depth}·({width} − {learnedRank} − 1) = {m}: the new feature's hidden direction may point anywhere on the unit sphere orthogonal to the r = {learnedRank}{' '}
        learned feature(s), in each of the D hidden layers (physics.md §5 reference: width 4, r = 0 → m = 6, k = 3, measured 3.3; width 1 → k ≈ 0, measured 0.08). The fitted k is
        noisy: treat it as a check of sign and size, not a precise number.
      </p>
      {plain && plain.slope < 0.5 * barrier && (
        <p className="esc-note" data-testid="escape-fit-warning">
          The plain slope is well below the theory's B. With a wide net the saddle is a manifold: its entropy puts a power T^k in front of the Arrhenius factor (predicted k = m/2 ={' '}
          {fmtNum(m / 2)}), which bends ln τ against 1/T at these temperatures (B/T = {points.map((p) => fmtNum(barrier / p.T, 2)).join(', ')}). The fit with the k ln T term
          accounts for it{withPrefactor ? ` (here B = ${fmtNum(withPrefactor.slope, 3)}, k = ${fmtNum(withPrefactor.k)})` : ''}. Colder temperatures approach B but escape then
          takes tens of thousands of steps (this preset, measured in Node: T = 0.0006 → all 64 replicas still trapped after 40 000 steps).
        </p>
      )}
    </div>
  );
}
