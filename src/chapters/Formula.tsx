/** A formula typeset with KaTeX (our own static TeX; errors render as red source, never throw). */
import { useMemo } from 'react';
import katex from 'katex';
import 'katex/dist/katex.min.css';

export function Formula({ tex, display = true }: { tex: string; display?: boolean }) {
  const html = useMemo(() => katex.renderToString(tex, { displayMode: display, throwOnError: false, output: 'htmlAndMathml' }), [tex, display]);
  return <div className="chapter-formula" data-testid="chapter-formula" dangerouslySetInnerHTML={{ __html: html }} />;
}
