/**
 * A number input bound to a store value through its registry entry (range, step): a value the entry
 * accepts commits as it is typed (so budget checks stay live), any other text when the field is left
 * or Enter is pressed — the store then clamps or replaces it, with a message. Never a clamp mid-typing.
 */
import { useState, type ChangeEvent, type KeyboardEvent } from 'react';
import { inputRange, type Entry } from '../permalink';

export function useDraftNumber(entry: Entry, value: number, commit: (n: number) => void) {
  const [draft, setDraft] = useState<string | null>(null);
  const finish = () => {
    if (draft === null) return;
    const n = draft.trim() === '' ? NaN : Number(draft);
    setDraft(null);
    if (n !== value) commit(n);
  };
  return {
    ...inputRange(entry),
    value: draft ?? String(value),
    onChange(e: ChangeEvent<HTMLInputElement>) {
      const text = e.currentTarget.value;
      setDraft(text);
      if (text.trim() !== '' && entry.schema.safeParse(Number(text)).success) commit(Number(text));
    },
    onBlur: finish,
    onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
      if (e.key === 'Enter') finish();
      else if (e.key === 'Escape') setDraft(null);
    },
  };
}
