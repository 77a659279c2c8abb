/** The loss convention (docs/physics.md §1) with the translation table one click away. */
import { LOSS_CONVENTIONS } from '../physics';
import { useUi } from '../state/ui';

export function ConventionsNote() {
  const open = useUi((s) => s.showConventions);
  const toggle = useUi((s) => s.toggleConventions);
  return (
    <div className="conventions">
      <button type="button" className="link" aria-expanded={open} onClick={toggle} data-testid="conventions-toggle">
        {open ? 'hide' : 'your convention → γ'}
      </button>
      {open && (
        <table className="conventions-table">
          <thead>
            <tr>
              <th>if you write the loss as</th>
              <th>then γ here is</th>
            </tr>
          </thead>
          <tbody>
            {LOSS_CONVENTIONS.map((c) => (
              <tr key={c.kind}>
                <td>{c.loss}</td>
                <td>{c.gamma}</td>
              </tr>
            ))}
            <tr>
              <td>AdamW decoupled decay</td>
              <td>not this loss: never compare it with the theory</td>
            </tr>
          </tbody>
        </table>
      )}
    </div>
  );
}
