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

/**
 * The id of the event of (a batch of) an album's parts: the same parts re-published after a crash
 * are recognised; parts that reached the gateway after the first were sent are a new event, so
 * they are not dropped as its duplicate (conversation adds them to the same album).
 */
export function albumEventId(botId: number, albumKey: string, messageIds: readonly number[]): string {
  const parts = [...messageIds].sort((a, b) => a - b).join(',');
  return uuidv5(`${botId}:album:${albumKey}:${parts}`, NAMESPACE);
}
