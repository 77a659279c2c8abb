/**
 * Browser half of chart exports: clone the chart's <svg> with computed styles inlined (and any
 * <canvas> under it embedded as an <image>), then download it as SVG, or rasterise it at 2× as PNG.
 */
import { INLINED_PROPERTIES, rowsToCsv, rowsToJson, standaloneSvg, styleDeclaration, type Row } from './serialize';

const SVG_NS = 'http://www.w3.org/2000/svg';

function inlineStyles(source: Element, target: Element): void {
  const computed = getComputedStyle(source);
  const pairs = INLINED_PROPERTIES.map((p) => [p, computed.getPropertyValue(p)] as const);
  const existing = target.getAttribute('style');
  const decl = styleDeclaration(pairs);
  target.setAttribute('style', existing ? `${decl};${existing}` : decl);
  for (let i = 0; i < source.children.length; i++) inlineStyles(source.children[i], target.children[i]);
}

/** The chart in `root` as one standalone SVG document (canvases underneath become images). */
export function chartToSvgString(root: HTMLElement): { svg: string; width: number; height: number } | null {
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
  background.setAttribute('fill', '#ffffff');
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
  return { svg: standaloneSvg(new XMLSerializer().serializeToString(clone)), width, height };
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

export async function chartToPngBlob(root: HTMLElement, scale = 2): Promise<Blob | null> {
  const doc = chartToSvgString(root);
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

export async function exportChart(root: HTMLElement, format: ExportFormat, name: string, rows: () => Row[], meta: Record<string, unknown> = {}): Promise<void> {
  if (format === 'csv') return downloadBlob(new Blob([rowsToCsv(rows())], { type: 'text/csv' }), `${name}.csv`);
  if (format === 'json') return downloadBlob(new Blob([rowsToJson(rows(), meta)], { type: 'application/json' }), `${name}.json`);
  if (format === 'svg') {
    const doc = chartToSvgString(root);
    if (doc) downloadBlob(new Blob([doc.svg], { type: 'image/svg+xml' }), `${name}.svg`);
    return;
  }
  const png = await chartToPngBlob(root);
  if (png) downloadBlob(png, `${name}.png`);
}
