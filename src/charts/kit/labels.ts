/**
 * One label placer for every chart (pure: no DOM). Each label names an anchor and says where it
 * would like to sit (one or more top-left positions, best first) and which way it may slide. Labels
 * are placed in order: each takes the cheapest candidate (nearest its wish) that overlaps no label
 * placed before it, no given box, no point marker (a dot, a sampled curve) and stays inside the
 * bounds; when no candidate is free it takes the one with the least conflict. A label that had to go
 * far from its wish gets a leader line back to its anchor.
 */

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Point {
  x: number;
  y: number;
  /** radius of the marker drawn there */
  r?: number;
}

export interface LabelRequest {
  anchor: Point;
  width: number;
  height: number;
  /** preferred top-left corners, best first (e.g. right of a rule, then left of it) */
  at: ReadonlyArray<{ x: number; y: number }>;
  /** 'y': slide along y only (a rule's label), 'x': along x only, 'any': every way (default) */
  slide?: 'x' | 'y' | 'any';
}

export interface PlacedLabel extends Box {
  /** distance from the first wished position, px */
  moved: number;
  /** from the anchor to the nearest point of the label's box; null when the label stayed close */
  leader: { x1: number; y1: number; x2: number; y2: number } | null;
  /** true when no free place was found (the least-conflict one was taken) */
  crowded: boolean;
}

export interface PlaceOptions {
  /** point markers no label may cover */
  points?: readonly Point[];
  /** boxes no label may cover (other marks, the legend) */
  boxes?: readonly Box[];
  /** labels stay inside this box when they can */
  bounds?: Box;
  /** clearance around labels and markers, px (default 2) */
  gap?: number;
  /** slide step, px (default: half the label height) */
  step?: number;
  /** slide steps tried in each direction (default 12) */
  maxSteps?: number;
  /** a leader line is drawn when a label moved farther than this (default 1.6 × its height) */
  leaderBeyond?: number;
  /** labels also keep off every label's own anchor (default true) */
  avoidAnchors?: boolean;
}

const DIRECTIONS = {
  y: [
    [0, -1],
    [0, 1],
  ],
  x: [
    [1, 0],
    [-1, 0],
  ],
  any: [
    [0, -1],
    [0, 1],
    [1, 0],
    [-1, 0],
    [1, -1],
    [-1, -1],
    [1, 1],
    [-1, 1],
  ],
} as const;

function boxOverlap(a: Box, b: Box, gap: number): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x) + gap;
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y) + gap;
  return w > 0 && h > 0 ? w * h : 0;
}

function distanceToBox(p: { x: number; y: number }, b: Box): number {
  const dx = Math.max(b.x - p.x, 0, p.x - (b.x + b.width));
  const dy = Math.max(b.y - p.y, 0, p.y - (b.y + b.height));
  return Math.hypot(dx, dy);
}

function outside(b: Box, bounds: Box | undefined): number {
  if (!bounds) return 0;
  const over = (lo: number, hi: number, blo: number, bhi: number) => Math.max(0, blo - lo) + Math.max(0, hi - bhi);
  return over(b.x, b.x + b.width, bounds.x, bounds.x + bounds.width) + over(b.y, b.y + b.height, bounds.y, bounds.y + bounds.height);
}

/** candidates around the wished positions, cheapest first */
function candidates(request: LabelRequest, step: number, maxSteps: number): { x: number; y: number; cost: number }[] {
  const out: { x: number; y: number; cost: number }[] = [];
  const dirs = DIRECTIONS[request.slide ?? 'any'];
  request.at.forEach((base, rank) => {
    const penalty = rank * step * 1.5;
    out.push({ ...base, cost: penalty });
    for (let s = 1; s <= maxSteps; s++)
      for (const [dx, dy] of dirs) out.push({ x: base.x + dx * s * step, y: base.y + dy * s * step, cost: penalty + s * step * Math.hypot(dx, dy) });
  });
  return out.sort((a, b) => a.cost - b.cost);
}

/** the markers in buckets of `cell` px, so a candidate only looks at the markers near it */
class PointGrid {
  private readonly cells = new Map<number, Point[]>();
  readonly maxR: number;
  constructor(
    points: readonly Point[],
    private readonly cell: number,
  ) {
    let maxR = 0;
    for (const p of points) {
      if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) continue;
      const key = this.key(Math.floor(p.x / cell), Math.floor(p.y / cell));
      const list = this.cells.get(key);
      if (list) list.push(p);
      else this.cells.set(key, [p]);
      maxR = Math.max(maxR, p.r ?? 0);
    }
    this.maxR = maxR;
  }
  private key(i: number, j: number): number {
    return (i + 50_000) * 100_000 + (j + 50_000);
  }
  /** the markers a box (grown by `pad`) may touch */
  near(b: Box, pad: number, visit: (p: Point) => boolean): void {
    const grow = pad + this.maxR;
    const i0 = Math.floor((b.x - grow) / this.cell);
    const i1 = Math.floor((b.x + b.width + grow) / this.cell);
    const j0 = Math.floor((b.y - grow) / this.cell);
    const j1 = Math.floor((b.y + b.height + grow) / this.cell);
    for (let i = i0; i <= i1; i++)
      for (let j = j0; j <= j1; j++) {
        const list = this.cells.get(this.key(i, j));
        if (list) for (const p of list) if (visit(p)) return;
      }
  }
}

export function placeLabels(requests: readonly LabelRequest[], options: PlaceOptions = {}): PlacedLabel[] {
  const gap = options.gap ?? 2;
  const maxSteps = options.maxSteps ?? 12;
  const anchors = options.avoidAnchors === false ? [] : requests.map((r) => r.anchor);
  const grid = new PointGrid([...(options.points ?? []), ...anchors], 24);
  const boxes = options.boxes ?? [];
  const placed: PlacedLabel[] = [];
  for (const request of requests) {
    const step = options.step ?? Math.max(2, request.height / 2);
    /** how much a box clashes, counted up to `limit` (beyond it the box loses anyway) */
    const conflict = (b: Box, limit: number) => {
      let c = outside(b, options.bounds) * b.height * 4;
      for (const p of placed) c += boxOverlap(b, p, gap);
      for (const o of boxes) c += boxOverlap(b, o, gap);
      if (c > limit) return c;
      grid.near(b, gap, (p) => {
        const reach = (p.r ?? 0) + gap;
        if (distanceToBox(p, b) < reach) c += reach * reach;
        return c > limit;
      });
      return c;
    };
    let best: { box: Box; score: number } | null = null;
    for (const c of candidates(request, step, maxSteps)) {
      const box = { x: c.x, y: c.y, width: request.width, height: request.height };
      const clash = conflict(box, best ? (best.score - c.cost) / 1000 : Infinity);
      if (clash === 0) {
        best = { box, score: 0 };
        break;
      }
      const score = clash * 1000 + c.cost;
      if (!best || score < best.score) best = { box, score };
    }
    const box = best!.box;
    const wish = request.at[0] ?? { x: box.x, y: box.y };
    const moved = Math.hypot(box.x - wish.x, box.y - wish.y);
    const beyond = options.leaderBeyond ?? 1.6 * request.height;
    let leader: PlacedLabel['leader'] = null;
    if (moved > beyond) {
      const a = request.anchor;
      const x2 = Math.min(Math.max(a.x, box.x), box.x + box.width);
      const y2 = Math.min(Math.max(a.y, box.y), box.y + box.height);
      leader = { x1: a.x, y1: a.y, x2, y2 };
    }
    placed.push({ ...box, moved, leader, crowded: best!.score !== 0 });
  }
  return placed;
}

/** the pairs of boxes that overlap (a check for tests and debugging) */
export function overlappingPairs(boxes: readonly Box[]): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) if (boxOverlap(boxes[i], boxes[j], 0) > 0) out.push([i, j]);
  return out;
}

/** points along a polyline every `spacing` px (so labels keep off a curve); only inside `within` when given */
export function samplePolyline(points: ReadonlyArray<readonly [number, number]>, spacing: number, r = 1, within?: Box): Point[] {
  const out: Point[] = [];
  const pad = r + spacing;
  const inside = (x: number, y: number) =>
    !within || (x >= within.x - pad && x <= within.x + within.width + pad && y >= within.y - pad && y <= within.y + within.height + pad);
  for (let i = 0; i < points.length; i++) {
    const [x, y] = points[i];
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    if (inside(x, y)) out.push({ x, y, r });
    const next = points[i + 1];
    if (!next || !Number.isFinite(next[0]) || !Number.isFinite(next[1])) continue;
    if (within && bothOutside(x, y, next[0], next[1], within, pad)) continue;
    const n = Math.min(400, Math.floor(Math.hypot(next[0] - x, next[1] - y) / spacing));
    for (let k = 1; k < n; k++) {
      const px = x + ((next[0] - x) * k) / n;
      const py = y + ((next[1] - y) * k) / n;
      if (inside(px, py)) out.push({ x: px, y: py, r });
    }
  }
  return out;
}

/** both ends of a segment beyond the same edge of the box: nothing of it is inside */
function bothOutside(x0: number, y0: number, x1: number, y1: number, b: Box, pad: number): boolean {
  return (
    (x0 < b.x - pad && x1 < b.x - pad) ||
    (x0 > b.x + b.width + pad && x1 > b.x + b.width + pad) ||
    (y0 < b.y - pad && y1 < b.y - pad) ||
    (y0 > b.y + b.height + pad && y1 > b.y + b.height + pad)
  );
}
