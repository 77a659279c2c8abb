/** The tabs between the live lab and the batch views. */
import { useUi, VIEWS } from '../state/ui';

export function ViewTabs() {
  const view = useUi((s) => s.view);
  const setView = useUi((s) => s.setView);
  return (
    <nav className="view-tabs" role="tablist" aria-label="Views">
      {VIEWS.map((tab) => (
        <button
          key={tab.id}
          role="tab"
          type="button"
          aria-selected={view === tab.id}
          className={view === tab.id ? 'active' : ''}
          data-testid={`tab-${tab.id}`}
          onClick={() => setView(tab.id)}
        >
          {tab.label}
        </button>
      ))}
    </nav>
  );
}
