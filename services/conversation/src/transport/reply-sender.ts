import type { Envelope } from '@fieldgram/contracts';
import { toTgOut, type Outgoing, type TgOutCommand } from '../core/outgoing.js';

type Cause = Pick<Envelope, 'id' | 'correlationId'>;
export type PublishTgOut = (command: TgOutCommand, causedBy: Cause) => Promise<unknown>;

/**
 * Sends the replies to one update as `tg.out` commands, one after another (each confirmed
 * before the next), so bot-gateway receives — and carries out — them in order.
 */
export class ReplySender {
  constructor(private readonly publish: PublishTgOut) {}

  async send(update: Cause, chatId: number, replies: readonly Outgoing[]): Promise<void> {
    for (const command of toTgOut(update.id, chatId, replies)) await this.publish(command, update);
  }
}
