import { describe, expect, it } from 'vitest';
import { yearlyNumber } from './yearly-numbers.js';

describe('yearly numbers', () => {
  it('pads the sequence and lets it grow past its digits', () => {
    expect(yearlyNumber('WB', 2026, 123, 6)).toBe('WB-2026-000123');
    expect(yearlyNumber('INV', 2026, 7, 4)).toBe('INV-2026-0007');
    expect(yearlyNumber('CL', 2027, 1_234_567, 6)).toBe('CL-2027-1234567');
  });
});
