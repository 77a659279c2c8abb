/**
 * "Copy link": the parameters, or (checkbox) this exact trained state, to the clipboard; the weights
 * ride in the fragment (#w=…). A link too long to pass on intact says so and offers the state as a
 * file instead ("Download state"); "Open state file" loads one.
 */
import { useRef, useState } from 'react';
import { getController } from '../session/controller';
import { currentLink, currentStateFile, linkWithWeights, openStateFile } from './permalink';
import { downloadBlob } from '../charts/exportChart';
import { MAX_STATE_FILE_BYTES, SHAREABLE_LINK_LENGTH } from '../permalink';
import { useTelemetry } from '../state/telemetry';

const kb = (n: number) => `${Math.round(n / 1000)} KB`;

export function CopyLinkButton() {
  const [withWeights, setWithWeights] = useState(true);
  const [status, setStatus] = useState<string | null>(null);
  const [tooLong, setTooLong] = useState<number | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const weights = () => getController().getWeights();
  const copy = async () => {
    const link = withWeights ? await linkWithWeights(weights) : currentLink();
    setTooLong(link.length > SHAREABLE_LINK_LENGTH ? link.length : null);
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
  const download = async () => {
    const text = await currentStateFile(withWeights ? weights : undefined);
    downloadBlob(new Blob([text], { type: 'application/json' }), 'l2-phase-lab-state.json');
    setTooLong(null);
  };
  const open = async (file: File | undefined) => {
    if (!file) return;
    const problem =
      file.size > MAX_STATE_FILE_BYTES ? `the file is ${kb(file.size)}; a state file is at most ${kb(MAX_STATE_FILE_BYTES)}` : openStateFile(await file.text());
    if (problem)
      useTelemetry
        .getState()
        .setNotice({ kind: 'info', message: `Could not open the state file: ${problem}.`, hint: 'Nothing was changed.', time: Date.now() });
  };
  return (
    <div className="copy-link-group">
      <button type="button" className="copy-link" data-testid="copy-link" onClick={() => void copy()}>
        {status ?? 'Copy link'}
      </button>
      <label className="copy-weights" title="Include the trained weights, so the link opens on exactly this state">
        <input type="checkbox" checked={withWeights} onChange={(e) => setWithWeights(e.target.checked)} data-testid="copy-with-weights" /> with weights
      </label>
      <button
        type="button"
        className="state-file"
        data-testid="download-state"
        onClick={() => void download()}
        title="Save the parameters (and, with weights, the trained state) as a file"
      >
        Download state
      </button>
      <button
        type="button"
        className="state-file"
        data-testid="open-state"
        onClick={() => fileInput.current?.click()}
        title="Load a state file saved with Download state"
      >
        Open state file
      </button>
      <input
        ref={fileInput}
        type="file"
        accept="application/json,.json"
        hidden
        data-testid="open-state-input"
        onChange={(e) => void open(e.target.files?.[0])}
      />
      {tooLong !== null && (
        <div className="link-too-long" role="status" data-testid="link-too-long">
          This link is {kb(tooLong)}: too long for many chat and mail apps to pass on intact. It was copied; to share it safely, use{' '}
          <button type="button" onClick={() => void download()}>
            Download state
          </button>{' '}
          and send the file (opened with “Open state file”).
          <button type="button" className="link-too-long-close" aria-label="Dismiss" onClick={() => setTooLong(null)}>
            ×
          </button>
        </div>
      )}
    </div>
  );
}
