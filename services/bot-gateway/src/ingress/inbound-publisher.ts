import { publishMessage, type Publisher } from '@fieldgram/platform';
import { messages } from '@fieldgram/contracts';
import type { InboundEvent } from '../domain/normalize-update.js';

/** Publishes a normalized update on fg.tg, confirmed, with its deterministic id and chat key. */
export type PublishInbound = (event: InboundEvent, id: string) => Promise<void>;

export function inboundPublisher(publisher: Publisher, source: string): PublishInbound {
  return async (event, id) => {
    await publishMessage(publisher, messages, source, event.type, event.data as never, {
      id,
      partitionKey: event.partitionKey,
    });
  };
}
