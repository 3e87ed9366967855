// Run with `bash scripts/pnpm.sh --filter @fieldgram/bench test` (the root vitest config covers packages only).
import { describe, expect, it } from 'vitest';
import { median, percentile, rate, summarize } from './stats.js';

describe('percentile (nearest rank)', () => {
  const oneToHundred = Array.from({ length: 100 }, (_, i) => i + 1);

  it('picks the nearest-rank sample', () => {
    expect(percentile(oneToHundred, 50)).toBe(50);
    expect(percentile(oneToHundred, 95)).toBe(95);
    expect(percentile(oneToHundred, 99)).toBe(99);
    expect(percentile(oneToHundred, 100)).toBe(100);
    expect(percentile(oneToHundred, 0)).toBe(1);
    expect(percentile([10, 20, 30, 40], 50)).toBe(20);
    expect(percentile([10, 20, 30, 40], 51)).toBe(30);
  });

  it('sorts numerically without touching the input', () => {
    const samples = [9, 100, 1, 25];
    expect(percentile(samples, 100)).toBe(100);
    expect(percentile(samples, 25)).toBe(1);
    expect(samples).toEqual([9, 100, 1, 25]);
  });

  it('handles one sample, no samples and bad p', () => {
    expect(percentile([7], 1)).toBe(7);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
    expect(() => percentile([1], 101)).toThrow(RangeError);
    expect(() => percentile([1], Number.NaN)).toThrow(RangeError);
  });

  it('takes the median of odd and even counts', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('summarizes and computes rates', () => {
    expect(summarize(oneToHundred)).toEqual({ count: 100, p50: 50, p95: 95, p99: 99 });
    expect(rate(500, 250)).toBe(2000);
    expect(rate(1, 0)).toBeNaN();
  });
});
