/** Geometry of the 2-D phase maps: cells around the grid points. */

/** cell edges halfway between grid points (the first and last cells are symmetric) */
export function cellEdges(centers: readonly number[]): number[] {
  const n = centers.length;
  if (n === 1) return [centers[0] - 0.5, centers[0] + 0.5];
  const edges = [centers[0] - (centers[1] - centers[0]) / 2];
  for (let i = 1; i < n; i++) edges.push((centers[i - 1] + centers[i]) / 2);
  edges.push(centers[n - 1] + (centers[n - 1] - centers[n - 2]) / 2);
  return edges;
}
