/**
 * A bounded series for live charts: keeps at most `capacity` points however many are pushed.
 * Every `stride`-th push is kept; when the buffer is full, every other kept point is dropped and
 * the stride doubles, so the kept points stay evenly spread over the whole history. The first
 * point pushed is always kept and the latest point is always returned by `toArray()`.
 */
export class DecimatingBuffer<T> {
  private items: T[] = [];
  /** push index of each kept item: kept items are exactly those with index % stride === 0 */
  private indices: number[] = [];
  private stride = 1;
  private latest: T | undefined;
  private latestKept = false;
  private pushes = 0;

  constructor(readonly capacity = 2000) {
    if (!(capacity >= 4)) throw new Error('DecimatingBuffer needs capacity ≥ 4');
  }

  get size(): number {
    return this.items.length;
  }

  get totalPushed(): number {
    return this.pushes;
  }

  get currentStride(): number {
    return this.stride;
  }

  push(item: T): void {
    const index = this.pushes++;
    this.latest = item;
    if (index % this.stride !== 0) {
      this.latestKept = false;
      return;
    }
    this.items.push(item);
    this.indices.push(index);
    this.latestKept = true;
    if (this.items.length >= this.capacity) {
      // double the stride and keep every other point: index 0 (the first point) always survives
      this.stride *= 2;
      const keep = this.indices.map((i) => i % this.stride === 0);
      this.items = this.items.filter((_, i) => keep[i]);
      this.indices = this.indices.filter((_, i) => keep[i]);
      this.latestKept = this.indices[this.indices.length - 1] === index;
    }
  }

  /** kept points plus the latest one (at most capacity + 1 items) */
  toArray(): T[] {
    if (this.latest !== undefined && !this.latestKept) return [...this.items, this.latest];
    return [...this.items];
  }

  last(): T | undefined {
    return this.latest;
  }

  clear(): void {
    this.items = [];
    this.indices = [];
    this.stride = 1;
    this.latest = undefined;
    this.latestKept = false;
    this.pushes = 0;
  }
}
