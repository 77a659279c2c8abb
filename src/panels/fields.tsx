/** Small form fields that edit the parameters store on commit (Enter or blur), never mid-typing. */
import { useEffect, useState, type ReactNode } from 'react';

interface FieldProps {
  label: ReactNode;
  id: string;
  message?: string;
  children: ReactNode;
  hint?: ReactNode;
}

export function Field({ label, id, message, children, hint }: FieldProps) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && <small className="field-hint">{hint}</small>}
      {message && (
        <small className="field-message" role="status">
          {message}
        </small>
      )}
    </div>
  );
}

interface CommitInputProps {
  id: string;
  value: string;
  onCommit(text: string): void;
  inputMode?: 'decimal' | 'numeric' | 'text';
  testId?: string;
  ariaLabel?: string;
}

/** A text input with a local draft; commits on Enter or blur, reverts on Escape. */
export function CommitInput({ id, value, onCommit, inputMode = 'decimal', testId, ariaLabel }: CommitInputProps) {
  const [draft, setDraft] = useState(value);
  const [editing, setEditing] = useState(false);
  useEffect(() => {
    if (!editing) setDraft(value);
  }, [value, editing]);
  const commit = () => {
    setEditing(false);
    if (draft !== value) onCommit(draft);
  };
  return (
    <input
      id={id}
      type="text"
      inputMode={inputMode}
      value={draft}
      data-testid={testId}
      aria-label={ariaLabel}
      onFocus={() => setEditing(true)}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          commit();
          (e.target as HTMLInputElement).blur();
        } else if (e.key === 'Escape') {
          setDraft(value);
          setEditing(false);
        }
      }}
    />
  );
}

export function NumberInput(props: { id: string; value: number; onCommit(n: number): void; testId?: string; format?: (n: number) => string }) {
  const text = props.format ? props.format(props.value) : String(props.value);
  return (
    <CommitInput
      id={props.id}
      value={text}
      testId={props.testId}
      onCommit={(t) => {
        const n = Number(t.trim());
        props.onCommit(t.trim() === '' ? NaN : n);
      }}
    />
  );
}

export function parseList(text: string): number[] {
  return text
    .split(/[,\s;]+/)
    .filter((s) => s.length > 0)
    .map(Number);
}
