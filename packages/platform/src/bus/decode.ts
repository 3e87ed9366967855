import {
  EnvelopeSchema,
  messageDef,
  type Envelope,
  type MessageDef,
  type Registry,
} from '@fieldgram/contracts';
import type { z } from 'zod';

export type Decoded = { ok: true; envelope: Envelope; def: MessageDef } | { ok: false; reason: string };

/** Parses and validates a message body: JSON, then the envelope, then the type's own schema. */
export function decodeMessage(registry: Registry, content: Buffer): Decoded {
  let json: unknown;
  try {
    json = JSON.parse(content.toString('utf8'));
  } catch {
    return { ok: false, reason: 'invalid message: body is not JSON' };
  }
  const envelope = EnvelopeSchema.safeParse(json);
  if (!envelope.success) return { ok: false, reason: `invalid envelope: ${describeIssues(envelope.error)}` };
  const def = messageDef(registry, envelope.data.type);
  if (!def) return { ok: false, reason: `unknown message type "${envelope.data.type}"` };
  const data = def.data.safeParse(envelope.data.data);
  if (!data.success) {
    return { ok: false, reason: `invalid ${envelope.data.type} data: ${describeIssues(data.error)}` };
  }
  return { ok: true, envelope: { ...envelope.data, data: data.data }, def };
}

/** "items.0.quantity: Too small: expected number to be >0; currency: Invalid option" */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}
