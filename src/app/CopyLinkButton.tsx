/** "Copy link": the parameters, or (checkbox) this exact trained state, to the clipboard. */
import { useState } from 'react';
import { getController } from './controller';
import { currentLink, linkWithWeights } from './permalink';

export function CopyLinkButton() {
  const [withWeights, setWithWeights] = useState(true);
  const [status, setStatus] = useState<string | null>(null);
  const copy = async () => {
    const link = withWeights ? await linkWithWeights(() => getController().getWeights()) : currentLink();
    try {
      await navigator.clipboard.writeText(link);
      setStatus('Copied');
    } catch {
      // no clipboard permission (e.g. an iframe): show the link to copy by hand
      window.prompt('Copy this link:', link);
      setStatus(null);
    }
    (window as unknown as { __L2LAB_LAST_LINK__?: string }).__L2LAB_LAST_LINK__ = link;
    setTimeout(() => setStatus(null), 1500);
  };
  return (
    <div className="copy-link-group">
      <button type="button" className="copy-link" data-testid="copy-link" onClick={() => void copy()}>
        {status ?? 'Copy link'}
      </button>
      <label className="copy-weights" title="Include the trained weights, so the link opens on exactly this state">
        <input type="checkbox" checked={withWeights} onChange={(e) => setWithWeights(e.target.checked)} data-testid="copy-with-weights" /> with weights
      </label>
    </div>
  );
}
