import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createEnvelope, EnvelopeSchema } from './envelope.js';
import { EXCHANGES, command, event, messages, query, type DataOf, type ResultOf } from './index.js';

describe('message registry (DESIGN §2)', () => {
  it('routes every type to the exchange its kind implies', () => {
    for (const [type, def] of Object.entries(messages)) {
      if (type.startsWith('tg.')) expect(def.exchange).toBe(EXCHANGES.telegram);
      else if (def.kind === 'event') expect(def.exchange).toBe(EXCHANGES.events);
      else expect(def.exchange).toBe(EXCHANGES.commands);
    }
  });

  it('names events in the past tense and commands as imperatives', () => {
    for (const [type, def] of Object.entries(messages)) {
      if (type.startsWith('tg.')) continue;
      expect(type).toMatch(/^[a-z-]+\.[a-z-]+(\.v\d+)?$/);
      // Past tense, including irregular participles (task.sent, invoice.paid).
      if (def.kind === 'event') expect(type.split('.')[1]).toMatch(/(ed|sent|paid|made|done|set|read)$/);
    }
  });

  it('infers payload and result types from the schemas', () => {
    const registry = {
      'thing.get': query(z.object({ id: z.string() }), z.object({ name: z.string() })),
      'thing.rename': command(z.object({ id: z.string(), name: z.string() })),
      'thing.renamed': event(z.object({ id: z.string() })),
    };
    const data: DataOf<typeof registry, 'thing.rename'> = { id: '1', name: 'x' };
    const result: ResultOf<typeof registry, 'thing.get'> = { name: 'y' };
    expect(registry['thing.get'].result.parse(result)).toEqual(result);
    expect(registry['thing.rename'].data.parse(data)).toEqual(data);
  });
});

describe('envelope', () => {
  it('fills ids, time and correlation, and validates', () => {
    const first = createEnvelope({ type: 'user.registered', data: {}, source: 'identity' });
    expect(EnvelopeSchema.parse(first)).toEqual(first);
    expect(first.correlationId).toBe(first.id);
    expect(first.causationId).toBeNull();

    const second = createEnvelope({ type: 'x.happened', data: {}, source: 'task', causedBy: first });
    expect(second.correlationId).toBe(first.id);
    expect(second.causationId).toBe(first.id);
    expect(second.id).not.toBe(first.id);
  });

  it('orders ids by creation time (UUIDv7)', () => {
    const ids = Array.from({ length: 50 }, () => createEnvelope({ type: 'a.b', data: 1, source: 's' }).id);
    expect([...ids].sort()).toEqual(ids);
  });

  it('rejects an envelope without a valid id', () => {
    const bad = { ...createEnvelope({ type: 'a.b', data: 1, source: 's' }), id: 'nope' };
    expect(EnvelopeSchema.safeParse(bad).success).toBe(false);
  });
});
