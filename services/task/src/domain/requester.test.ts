import { describe, expect, it } from 'vitest';
import type { Actor, Role } from '@fieldgram/contracts';
import { actorId, rolesOf } from './requester.js';

const user = (role: Role): Actor => ({
  kind: 'user',
  userId: `${role}-1`,
  role,
});
const system: Actor = { kind: 'system' };

describe('rolesOf', () => {
  it('gives staff and the system the admin role through the API', () => {
    expect(rolesOf(user('admin'), null)).toEqual(['admin']);
    expect(rolesOf(user('manager'), 'tech-1')).toEqual(['admin']);
    expect(rolesOf(system, null)).toEqual(['admin', 'system']);
  });

  it('gives technicians and clients calling the admin actions no role', () => {
    expect(rolesOf(user('technician'), 'technician-1')).toEqual([]);
    expect(rolesOf(user('client'), null)).toEqual([]);
  });

  it('counts a tap in the bot only for the task’s assignee, whoever relayed it', () => {
    expect(rolesOf(system, 'tech-1', 'tech-1')).toEqual(['assignee']);
    expect(rolesOf(system, 'tech-1', 'tech-2')).toEqual([]);
    expect(rolesOf(user('admin'), null, 'tech-1')).toEqual([]);
  });
});

describe('actorId', () => {
  it('is the user behind a request, null for the system', () => {
    expect(actorId({ actor: user('admin') })).toBe('admin-1');
    expect(actorId({ actor: system })).toBeNull();
  });
});
