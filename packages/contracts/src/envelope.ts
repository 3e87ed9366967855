import { z } from 'zod';
import { v7 as uuidv7 } from 'uuid';

export const RoleSchema = z.enum(['admin', 'manager', 'technician', 'workshop', 'client']);
export type Role = z.infer<typeof RoleSchema>;

/** Who caused a message: a person acting in a role, or the system itself (timers, relays). */
export const ActorSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('user'), userId: z.string().min(1), role: RoleSchema }),
  z.object({ kind: z.literal('system') }),
]);
export type Actor = z.infer<typeof ActorSchema>;
export const SYSTEM_ACTOR: Actor = { kind: 'system' };

/** The wrapper every message on the bus travels in (DESIGN §2). `data` is checked per type. */
export const EnvelopeSchema = z.object({
  id: z.uuid(),
  type: z.string().min(1),
  version: z.number().int().positive(),
  occurredAt: z.iso.datetime({ offset: true }),
  source: z.string().min(1),
  correlationId: z.string().min(1),
  causationId: z.string().min(1).nullable(),
  actor: ActorSchema,
  /** Messages with the same key keep their order (an aggregate id, a chat id). */
  partitionKey: z.string().min(1).optional(),
  data: z.unknown(),
});
export type Envelope<TType extends string = string, TData = unknown> = Omit<
  z.infer<typeof EnvelopeSchema>,
  'type' | 'data'
> & { type: TType; data: TData };

/** What a caller supplies; the rest of the envelope is filled in by `createEnvelope`. */
export interface EnvelopeInit<TType extends string, TData> {
  type: TType;
  data: TData;
  source: string;
  version?: number;
  actor?: Actor;
  partitionKey?: string;
  /** The message this one is a consequence of: its correlation id is inherited. */
  causedBy?: Pick<Envelope, 'id' | 'correlationId'>;
  correlationId?: string;
  id?: string;
  occurredAt?: Date;
}

export function newMessageId(): string {
  return uuidv7();
}

export function createEnvelope<TType extends string, TData>(
  init: EnvelopeInit<TType, TData>,
): Envelope<TType, TData> {
  const id = init.id ?? newMessageId();
  const envelope: Envelope<TType, TData> = {
    id,
    type: init.type,
    version: init.version ?? 1,
    occurredAt: (init.occurredAt ?? new Date()).toISOString(),
    source: init.source,
    correlationId: init.causedBy?.correlationId ?? init.correlationId ?? id,
    causationId: init.causedBy?.id ?? null,
    actor: init.actor ?? SYSTEM_ACTOR,
    data: init.data,
  };
  if (init.partitionKey !== undefined) envelope.partitionKey = init.partitionKey;
  return envelope;
}
