import { v5 as uuidv5 } from 'uuid';

// Fixed namespace for ids derived from Telegram's own identifiers.
const NAMESPACE = '6f1c3a52-8c1e-4e0b-9a55-2b8f8b3c9d10';

/**
 * The envelope id of an update's event, derived from the bot and update_id: a re-publish of the
 * same update (a retried webhook call, a gateway restarted mid-poll) carries the same id, and
 * every consumer's inbox recognises it.
 */
export function updateEventId(botId: number, updateId: number): string {
  return uuidv5(`${botId}:update:${updateId}`, NAMESPACE);
}

export function albumEventId(botId: number, albumKey: string): string {
  return uuidv5(`${botId}:album:${albumKey}`, NAMESPACE);
}
