import { describe, expect, it } from 'vitest';
import { claimNumber } from './claim-number.js';

describe('claim numbers (S1-03)', () => {
  it('CL-<year>-<6 digits>, growing past them', () => {
    expect(claimNumber(2026, 45)).toBe('CL-2026-000045');
    expect(claimNumber(2027, 1)).toBe('CL-2027-000001');
    expect(claimNumber(2026, 1_000_000)).toBe('CL-2026-1000000');
  });
});
