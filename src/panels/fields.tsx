/** Small form fields that edit the parameters store on commit (Enter or blur), never mid-typing. */
import { useEffect, useState, type ReactNode } from 'react';
import { noun, numberRange, type Entry } from '../permalink';

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
  /** a message for text that must not be committed (shown under the field), or null */
  validate?: (text: string) => string | null;
}

/**
 * A text input with a local draft; commits on Enter or blur, reverts on Escape. Text that fails
 * `validate` is not committed: it stays in the field with a message saying what is expected.
 */
export function CommitInput({ id, value, onCommit, inputMode = 'decimal', testId, ariaLabel, validate }: CommitInputProps) {
  const [draft, setDraft] = useState(value);
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!editing && error === null) setDraft(value);
  }, [value, editing, error]);
  // a new value from elsewhere (a chapter, a link) replaces a rejected draft
  useEffect(() => setError(null), [value]);
  const commit = () => {
    setEditing(false);
    if (draft === value) return setError(null);
    const problem = validate ? validate(draft) : null;
    setError(problem);
    if (problem === null) onCommit(draft);
  };
  return (
    <>
      <input
        id={id}
        type="text"
        inputMode={inputMode}
        value={draft}
        data-testid={testId}
        aria-label={ariaLabel}
        aria-invalid={error !== null || undefined}
        aria-describedby={error !== null ? `${id}-error` : undefined}
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
            setError(null);
          }
        }}
      />
      {error !== null && (
        <small className="field-message" id={`${id}-error`} role="status" data-testid={`${id}-error`}>
          {error}
        </small>
      )}
    </>
  );
}

/** pure: what is wrong with `text` as a number (a whole one when `integer`), or null */
export function numberProblem(text: string, name: string, integer: boolean): string | null {
  const t = text.trim();
  const n = Number(t);
  if (t === '' || !Number.isFinite(n)) return integer ? `${name} must be a whole number` : `${name} must be a number, e.g. 0.1 or 1e-3`;
  if (integer && !Number.isInteger(n)) return `${name} must be a whole number`;
  return null;
}

export function NumberInput(props: {
  id: string;
  value: number;
  onCommit(n: number): void;
  testId?: string;
  format?: (n: number) => string;
  /** the field's name in messages ("width must be a whole number") */
  name: string;
  integer?: boolean;
}) {
  const text = props.format ? props.format(props.value) : String(props.value);
  const integer = props.integer ?? false;
  return (
    <CommitInput
      id={props.id}
      value={text}
      testId={props.testId}
      inputMode={integer ? 'numeric' : 'decimal'}
      validate={(t) => numberProblem(t, props.name, integer)}
      onCommit={(t) => props.onCommit(Number(t.trim()))}
    />
  );
}

export function parseList(text: string): number[] {
  return text
    .split(/[,\s;]+/)
    .filter((s) => s.length > 0)
    .map(Number);
}

// ---- fields drawn from a registry entry (src/permalink/registry.ts): label, id, range, options ------

function domId(entry: Entry): string {
  if (!entry.dom || !('id' in entry.dom)) throw new Error(`${entry.url} has no field id in the registry`);
  return entry.dom.id;
}

interface EntryFieldProps<T> {
  entry: Entry;
  value: T;
  onCommit(value: T): void;
  message?: string;
  hint?: ReactNode;
  testId?: string;
  disabled?: boolean;
}

/** a number typed in, committed on Enter or blur */
export function NumberEntryField({ entry, value, onCommit, message, hint, testId }: EntryFieldProps<number>) {
  const id = domId(entry);
  return (
    <Field label={entry.label} id={id} message={message} hint={hint}>
      <NumberInput id={id} name={noun(entry)} integer={entry.control === 'integer'} testId={testId} value={value} onCommit={onCommit} />
    </Field>
  );
}

/** a select of the entry's options, or of every whole number in its range */
export function ChoiceEntryField<T extends string | number>({ entry, value, onCommit, message, hint, testId, disabled }: EntryFieldProps<T>) {
  const id = domId(entry);
  const { min = 0, max = -1 } = numberRange(entry);
  const options: [T, string][] = entry.options
    ? (Object.entries(entry.options) as [T, string][])
    : Array.from({ length: max - min + 1 }, (_, i) => [(min + i) as T, String(min + i)]);
  return (
    <Field label={entry.label} id={id} message={message} hint={hint}>
      <select
        id={id}
        data-testid={testId}
        value={value}
        disabled={disabled}
        onChange={(e) => onCommit((typeof value === 'number' ? Number(e.target.value) : e.target.value) as T)}
      >
        {options.map(([option, label]) => (
          <option key={option} value={option}>
            {label}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** a checkbox switch; the widget name is what a classroom link hides */
export function SwitchEntry({ entry, value, onCommit, testId }: EntryFieldProps<boolean>) {
  const widget = entry.dom && 'widget' in entry.dom ? entry.dom.widget : undefined;
  return (
    <label className="switch" data-control={widget}>
      <input type="checkbox" data-testid={testId} checked={value} onChange={(e) => onCommit(e.target.checked)} />
      <span>{entry.label}</span>
    </label>
  );
}
