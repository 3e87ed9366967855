// S1-01: every client gets a manager by the organization's rule.
import { describe, expect, it } from 'vitest';
import { distributeClients, pickManager, type ManagerLoad } from './manager-rule.js';

const day = (n: number) => new Date(Date.UTC(2026, 0, n));
const anna: ManagerLoad = { id: 'a', clients: 4, createdAt: day(1) };
const boris: ManagerLoad = { id: 'b', clients: 2, createdAt: day(2) };
const vera: ManagerLoad = { id: 'c', clients: 2, createdAt: day(3) };

describe('the manager a client gets (S1-01)', () => {
  it('is the active manager with the fewest clients, the oldest on a tie', () => {
    expect(pickManager([anna, boris, vera])).toBe('b');
    expect(pickManager([vera, boris, anna])).toBe('b');
    expect(pickManager([anna])).toBe('a');
  });

  it('breaks a tie of the same instant by id (UUIDv7: creation order)', () => {
    expect(pickManager([{ ...vera, createdAt: day(2) }, boris])).toBe('b');
  });

  it('is the fixed default manager while they are active, else the rule', () => {
    expect(pickManager([anna, boris, vera], 'a')).toBe('a');
    expect(pickManager([boris, vera], 'a')).toBe('b');
  });

  it('is nobody while there is no active manager: the client waits', () => {
    expect(pickManager([])).toBeNull();
    expect(pickManager([], 'a')).toBeNull();
    expect(distributeClients([], 5)).toEqual([]);
  });

  it('spreads waiting clients evenly, each pick counting the ones before', () => {
    const picks = distributeClients([anna, boris, vera], 6);
    expect(picks).toEqual(['b', 'c', 'b', 'c', 'a', 'b']);
    expect(distributeClients([anna, boris], 3, 'a')).toEqual(['a', 'a', 'a']);
    // The caller's loads are left as they were.
    expect(boris.clients).toBe(2);
  });
});
