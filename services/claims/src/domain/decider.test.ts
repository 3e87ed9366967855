import { describe, expect, it } from 'vitest';
import { actorId, mayDecide, mayFileFor } from './decider.js';

const manager = (userId: string) => ({ kind: 'user', userId, role: 'manager' }) as const;

describe('who decides a claim (S1-06)', () => {
  it("the claim's manager and admins; not another manager, the client or the system", () => {
    expect(mayDecide(manager('m-1'), 'm-1')).toBe(true);
    expect(mayDecide({ kind: 'user', userId: 'a-1', role: 'admin' }, 'm-1')).toBe(true);
    expect(mayDecide(manager('m-2'), 'm-1')).toBe(false);
    expect(mayDecide(manager('m-2'), null)).toBe(false);
    expect(mayDecide({ kind: 'user', userId: 'm-1', role: 'client' }, 'm-1')).toBe(false);
    expect(mayDecide({ kind: 'system' }, 'm-1')).toBe(false);
  });

  it('records the person, or nobody for the system', () => {
    expect(actorId(manager('m-1'))).toBe('m-1');
    expect(actorId({ kind: 'system' })).toBeNull();
  });

  it('a claim is filed by the bot or staff for a client, by a client only for themselves (S1-03)', () => {
    expect(mayFileFor({ kind: 'system' }, 'c-1')).toBe(true);
    expect(mayFileFor({ kind: 'user', userId: 'c-1', role: 'client' }, 'c-1')).toBe(true);
    expect(mayFileFor({ kind: 'user', userId: 'c-2', role: 'client' }, 'c-1')).toBe(false);
    expect(mayFileFor(manager('m-1'), 'c-1')).toBe(true);
    expect(mayFileFor({ kind: 'user', userId: 't-1', role: 'technician' }, 'c-1')).toBe(false);
  });
});
