/**
 * Browser half of chart exports: clone the chart's <svg> with computed styles inlined (and any
 * <canvas> under it embedded as an <image>), then download it as SVG, or rasterise it at 2× as PNG.
 */
import { INLINED_PROPERTIES, rowsToCsv, rowsToJson, standaloneSvg, styleDeclaration, wrapText, type Row } from './serialize';
import { CAPTION_COLORS, INK } from './palette';
import { CHART_FONT_FAMILY } from './theme';

const SVG_NS = 'http://www.w3.org/2000/svg';

function inlineStyles(source: Element, target: Element): void {
  const computed = getComputedStyle(source);
  const pairs = INLINED_PROPERTIES.map((p) => [p, computed.getPropertyValue(p)] as const);
  const existing = target.getAttribute('style');
  const decl = styleDeclaration(pairs);
  target.setAttribute('style', existing ? `${decl};${existing}` : decl);
  for (let i = 0; i < source.children.length; i++) inlineStyles(source.children[i], target.children[i]);
}

/** what an exported picture says about itself: the chart's title, its subtitle, and where it came from */
export interface ExportCaption {
  title: string;
  subtitle?: string;
  /** the parameters or the permalink that reproduces the chart */
  source?: string;
}

const CAPTION = { title: 17, text: 12, pad: 12, line: 1.35 } as const;

function textLines(parent: Element, lines: string[], x: number, y: number, size: number, weight: string, fill: string): number {
  lines.forEach((line, i) => {
    const t = document.createElementNS(SVG_NS, 'text');
    t.setAttribute('x', String(x));
    t.setAttribute('y', String(y + i * size * CAPTION.line));
    t.setAttribute('font-size', String(size));
    t.setAttribute('font-weight', weight);
    t.setAttribute('font-family', CHART_FONT_FAMILY);
    t.setAttribute('fill', fill);
    t.textContent = line;
    parent.appendChild(t);
  });
  return lines.length * size * CAPTION.line;
}

/** the chart SVG inside a taller one with the caption above (title, subtitle) and below (source) */
function withCaption(chart: SVGSVGElement, width: number, height: number, caption: ExportCaption): { element: SVGSVGElement; height: number } {
  const outer = document.createElementNS(SVG_NS, 'svg');
  const charsPerLine = (size: number) => Math.max(20, Math.floor((width - 2 * CAPTION.pad) / (size * 0.62)));
  const head = document.createElementNS(SVG_NS, 'g');
  let y = CAPTION.pad + CAPTION.title;
  y += textLines(head, wrapText(caption.title, charsPerLine(CAPTION.title)), CAPTION.pad, y, CAPTION.title, '700', CAPTION_COLORS.title);
  if (caption.subtitle) y += textLines(head, wrapText(caption.subtitle, charsPerLine(CAPTION.text)), CAPTION.pad, y, CAPTION.text, '400', CAPTION_COLORS.text);
  const top = Math.ceil(y - CAPTION.text);
  chart.setAttribute('x', '0');
  chart.setAttribute('y', String(top));
  const foot = document.createElementNS(SVG_NS, 'g');
  const sourceLines = caption.source ? wrapText(caption.source, charsPerLine(CAPTION.text - 1)) : [];
  const footH = textLines(foot, sourceLines, CAPTION.pad, top + height + CAPTION.pad + CAPTION.text, CAPTION.text - 1, '400', CAPTION_COLORS.source);
  const total = Math.ceil(top + height + (sourceLines.length ? CAPTION.pad + footH : 0) + CAPTION.pad / 2);
  const background = document.createElementNS(SVG_NS, 'rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', INK.paper);
  outer.setAttribute('width', String(width));
  outer.setAttribute('height', String(total));
  outer.setAttribute('viewBox', `0 0 ${width} ${total}`);
  outer.append(background, head, chart, foot);
  return { element: outer, height: total };
}

/**
 * The chart in `root` as one standalone SVG document (canvases underneath become images), with
 * the caption (title, subtitle, source link) drawn into it when given.
 */
export function chartToSvgString(root: HTMLElement, caption?: ExportCaption): { svg: string; width: number; height: number } | null {
  const svg = root.querySelector('svg[data-chart-svg]') ?? root.querySelector('svg');
  if (!svg) return null;
  const box = svg.getBoundingClientRect();
  const width = Math.round(box.width);
  const height = Math.round(box.height);
  const clone = svg.cloneNode(true) as SVGSVGElement;
  inlineStyles(svg, clone);
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  clone.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const background = document.createElementNS(SVG_NS, 'rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', INK.paper);
  const rasters: Element[] = [];
  root.querySelectorAll('canvas').forEach((canvas) => {
    const c = canvas.getBoundingClientRect();
    const img = document.createElementNS(SVG_NS, 'image');
    img.setAttribute('x', String(c.left - box.left));
    img.setAttribute('y', String(c.top - box.top));
    img.setAttribute('width', String(c.width));
    img.setAttribute('height', String(c.height));
    img.setAttribute('preserveAspectRatio', 'none');
    img.setAttribute('href', canvas.toDataURL('image/png'));
    rasters.push(img);
  });
  clone.insertBefore(background, clone.firstChild);
  rasters.forEach((img) => clone.insertBefore(img, background.nextSibling));
  if (!caption) return { svg: standaloneSvg(new XMLSerializer().serializeToString(clone)), width, height };
  const framed = withCaption(clone, width, height, caption);
  return { svg: standaloneSvg(new XMLSerializer().serializeToString(framed.element)), width, height: framed.height };
}

export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export async function chartToPngBlob(root: HTMLElement, scale = 2, caption?: ExportCaption): Promise<Blob | null> {
  const doc = chartToSvgString(root, caption);
  if (!doc) return null;
  const url = URL.createObjectURL(new Blob([doc.svg], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const image = new Image();
    image.decoding = 'sync';
    await new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error('could not rasterise the chart'));
      image.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = doc.width * scale;
    canvas.height = doc.height * scale;
    const ctx = canvas.getContext('2d');
    if (!ctx) return null;
    ctx.scale(scale, scale);
    ctx.drawImage(image, 0, 0, doc.width, doc.height);
    return await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}

export type ExportFormat = 'svg' | 'png' | 'csv' | 'json';

export async function exportChart(
  root: HTMLElement,
  format: ExportFormat,
  name: string,
  rows: () => Row[],
  meta: Record<string, unknown> = {},
  caption?: ExportCaption,
): Promise<void> {
  if (format === 'csv') return downloadBlob(new Blob([rowsToCsv(rows())], { type: 'text/csv' }), `${name}.csv`);
  if (format === 'json') return downloadBlob(new Blob([rowsToJson(rows(), meta)], { type: 'application/json' }), `${name}.json`);
  if (format === 'svg') {
    const doc = chartToSvgString(root, caption);
    if (doc) downloadBlob(new Blob([doc.svg], { type: 'image/svg+xml' }), `${name}.svg`);
    return;
  }
  const png = await chartToPngBlob(root, 2, caption);
  if (png) downloadBlob(png, `${name}.png`);
}
