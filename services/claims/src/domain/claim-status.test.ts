import { describe, expect, it } from 'vitest';
import { isFinished, OPEN_STATUSES, statusChangeRefusal } from './claim-status.js';

describe('claim workflow (S1-06)', () => {
  it('new → in_review → resolved | rejected, or decided at once', () => {
    for (const [from, to] of [
      ['new', 'in_review'],
      ['new', 'resolved'],
      ['new', 'rejected'],
      ['in_review', 'resolved'],
      ['in_review', 'rejected'],
    ] as const)
      expect(statusChangeRefusal(from, to), `${from} → ${to}`).toBeNull();
  });

  it('a decided claim does not change; nothing goes back', () => {
    expect(statusChangeRefusal('resolved', 'rejected')).toBe(
      'the claim is already resolved: a decided claim does not change',
    );
    expect(statusChangeRefusal('rejected', 'in_review')).toMatch(/already rejected/);
    expect(statusChangeRefusal('in_review', 'in_review')).toBe('the claim is already in review');
    expect(statusChangeRefusal('in_review', 'new')).toBe('a claim that is in review cannot become new');
  });

  it('open claims are the undecided ones', () => {
    expect(OPEN_STATUSES).toEqual(['new', 'in_review']);
    expect(OPEN_STATUSES.some(isFinished)).toBe(false);
    expect(isFinished('resolved') && isFinished('rejected')).toBe(true);
  });
});
