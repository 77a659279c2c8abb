/**
 * Many point markers as ONE path string (a circle per point), so a long trace is a single DOM node.
 */
export function circlesPath(points: Iterable<readonly [number, number]>, r: number): string {
  const parts: string[] = [];
  const d = 2 * r;
  for (const [x, y] of points) {
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    parts.push(`M${(x - r).toFixed(1)},${y.toFixed(1)}a${r},${r} 0 1,0 ${d},0a${r},${r} 0 1,0 ${-d},0`);
  }
  return parts.join('');
}

/** greedy rows for labels along x so none overlap: returns a row index per label (input order) */
export function labelRows(items: { x: number; width: number }[], gap = 6): number[] {
  const order = items.map((_, i) => i).sort((a, b) => items[a].x - items[b].x);
  const rowEnds: number[] = [];
  const rows = new Array<number>(items.length).fill(0);
  for (const i of order) {
    const it = items[i];
    let r = rowEnds.findIndex((end) => end + gap <= it.x);
    if (r < 0) {
      r = rowEnds.length;
      rowEnds.push(-Infinity);
    }
    rowEnds[r] = it.x + it.width;
    rows[i] = r;
  }
  return rows;
}

/** nudge labels down until none overlaps an earlier one (boxes estimated from text length) */
export function spreadLabels<T extends { x: number; y: number; text: string }>(labels: T[], lineHeight = 16, charWidth = 7.3): T[] {
  const placed: T[] = [];
  for (const l of labels) {
    const w = l.text.length * charWidth;
    let y = l.y;
    for (let tries = 0; tries < 6; tries++) {
      const hit = placed.find((p) => Math.abs(p.y - y) < lineHeight && p.x < l.x + w && l.x < p.x + p.text.length * charWidth);
      if (!hit) break;
      y = hit.y + lineHeight;
    }
    placed.push({ ...l, y });
  }
  return placed;
}
