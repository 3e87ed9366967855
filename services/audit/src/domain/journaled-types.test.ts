import { describe, expect, it } from 'vitest';
import { messages } from '@fieldgram/contracts';
import { journaledTypes } from './journaled-types.js';

describe('journaledTypes', () => {
  const types = journaledTypes(messages);

  it('takes every domain event of the contracts, and the Telegram facts worth keeping', () => {
    for (const type of ['user.registered', 'user.updated', 'invite.created', 'notification.created'])
      expect(types).toContain(type);
    expect(types).toContain('tg.user.blocked');
    const domainEvents = Object.entries(messages).filter(
      ([, def]) => def.kind === 'event' && def.exchange === 'fg.events',
    );
    expect(types).toHaveLength(domainEvents.length + 1);
  });

  it('leaves out commands, queries and Telegram traffic', () => {
    for (const type of ['tg.out', 'tg.in.message', 'tg.out.sent', 'audit.query', 'identity.get-user'])
      expect(types).not.toContain(type);
  });
});
