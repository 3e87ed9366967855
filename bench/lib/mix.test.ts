import { describe, expect, it } from 'vitest';
import { MixPicker } from './mix.js';

describe('MixPicker (smooth weighted round-robin)', () => {
  it('picks in exact proportion within every full cycle', () => {
    const picker = new MixPicker({ join: 10, accept: 5, menu: 45, text: 40 });
    const counts = { join: 0, accept: 0, menu: 0, text: 0 };
    for (let i = 0; i < 1000; i++) counts[picker.next()]++;
    expect(counts).toEqual({ join: 100, accept: 50, menu: 450, text: 400 });
  });

  it('spreads the picks evenly and skips zero weights', () => {
    const picker = new MixPicker({ a: 3, b: 1, c: 0 });
    expect(Array.from({ length: 8 }, () => picker.next()).join('')).toBe('aabaaaba');
    const alternating = new MixPicker({ x: 1, y: 1 });
    expect(Array.from({ length: 6 }, () => alternating.next()).join('')).toBe('xyxyxy');
  });

  it('refuses weights that pick nothing', () => {
    expect(() => new MixPicker({ a: 0 })).toThrow(RangeError);
    expect(() => new MixPicker({})).toThrow(RangeError);
  });
});
