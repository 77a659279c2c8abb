import { expect } from 'vitest';

/**
 * `actual` rounds to the printed reference `printed` (a decimal string from docs/physics.md):
 * |actual − printed| ≤ half a unit in its last printed digit.
 */
export function expectPrinted(actual: number | null, printed: string): void {
  expect(actual).not.toBeNull();
  const decimals = printed.includes('.') ? printed.split('.')[1].length : 0;
  const halfUnit = 0.5 * 10 ** -decimals;
  expect(Math.abs((actual as number) - Number(printed))).toBeLessThanOrEqual(halfUnit * (1 + 1e-9));
}

/** |actual − expected| ≤ rel·|expected| */
export function expectRelative(actual: number | null, expected: number, rel: number): void {
  expect(actual).not.toBeNull();
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(rel * Math.abs(expected));
}
