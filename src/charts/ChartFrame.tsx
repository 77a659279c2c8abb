/**
 * A titled card around one chart, with an export menu: SVG and PNG (2×) of the picture, CSV and JSON
 * of the chart's data (rows from the chart's `data` getter, read only when exporting).
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { exportChart, type ExportFormat } from './exportChart';
import { shortFilename, type Row } from './serialize';
import './charts.css';

export interface ChartFrameProps {
  title: string;
  subtitle?: ReactNode;
  /** rows for CSV/JSON export; called lazily */
  data?: () => Row[];
  /** extra fields for the JSON export (parameters the data depends on) */
  meta?: Record<string, unknown>;
  filename?: string;
  /** small controls shown next to the title (e.g. log-scale toggles) */
  toolbar?: ReactNode;
  testId?: string;
  children: ReactNode;
}

const FORMATS: { format: ExportFormat; label: string; needsData: boolean }[] = [
  { format: 'svg', label: 'SVG', needsData: false },
  { format: 'png', label: 'PNG (2×)', needsData: false },
  { format: 'csv', label: 'CSV data', needsData: true },
  { format: 'json', label: 'JSON data', needsData: true },
];

export function ChartFrame({ title, subtitle, data, meta, filename, toolbar, testId, children }: ChartFrameProps) {
  const bodyRef = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState(false);
  const menuRef = useRef<HTMLDetailsElement>(null);
  // a <details> menu does not close by itself on an outside click or Escape
  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (menuRef.current && !menuRef.current.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);
  const name = filename ?? shortFilename(title);
  const subtitleRef = useRef<HTMLParagraphElement>(null);
  const run = (format: ExportFormat) => {
    setOpen(false);
    if (!bodyRef.current) return;
    // the address bar holds the permalink of what is on screen (kept in step with the state)
    const source = typeof location !== 'undefined' ? `L2 Phase Lab · ${location.href}` : undefined;
    const caption = { title, subtitle: subtitleRef.current ? captionText(subtitleRef.current) : undefined, source };
    void exportChart(bodyRef.current, format, name, data ?? (() => []), { title, source, ...meta }, caption).catch((e: unknown) => console.error(e));
  };
  return (
    <section className="l2c-frame" data-testid={testId} aria-label={title}>
      <header className="l2c-head">
        <h3 className="l2c-title">{title}</h3>
        <div className="l2c-tools">
          {toolbar}
          <details ref={menuRef} className="l2c-export" open={open} onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
            <summary className="l2c-btn" aria-label={`Export ${title}`} data-testid={testId ? `${testId}-export` : undefined}>
              Export ▾
            </summary>
            {open && (
              <div className="l2c-menu" role="menu">
                {FORMATS.filter((f) => !f.needsData || data).map((f) => (
                  <button key={f.format} type="button" role="menuitem" onClick={() => run(f.format)}>
                    {f.label}
                  </button>
                ))}
              </div>
            )}
          </details>
        </div>
      </header>
      {subtitle && (
        <p className="l2c-subtitle" ref={subtitleRef}>
          {subtitle}
        </p>
      )}
      <div className="l2c-body" ref={bodyRef}>
        {children}
      </div>
    </section>
  );
}

/** a subtitle's text for an export caption: a superscript (<sup>2/n</sup>) reads as ^(2/n) in plain text */
function captionText(el: HTMLElement): string {
  const copy = el.cloneNode(true) as HTMLElement;
  copy.querySelectorAll('sup').forEach((sup) => {
    const t = sup.textContent ?? '';
    sup.replaceWith(t.length === 1 ? `^${t}` : `^(${t})`);
  });
  return copy.textContent ?? '';
}

export interface ToggleButtonProps {
  pressed: boolean;
  onToggle: () => void;
  label: string;
  title?: string;
}

export function ToggleButton({ pressed, onToggle, label, title }: ToggleButtonProps) {
  return (
    <button type="button" className="l2c-btn" aria-pressed={pressed} onClick={onToggle} title={title}>
      {label}
    </button>
  );
}
