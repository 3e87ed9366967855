import { botInfoMethods } from './bot-info.js';
import { callbackMethods } from './callbacks.js';
import { chatActionMethods } from './chat-actions.js';
import { mediaMethods } from './media.js';
import { editMethods } from './edits.js';
import { messageMethods } from './messages.js';
import type { BotMethod } from './method.js';
import { updateMethods } from './updates.js';

/** Every Bot API method the sandbox implements, by name. Any other name answers 404. */
export const BOT_METHODS: ReadonlyMap<string, BotMethod> = new Map(
  [
    ...botInfoMethods,
    ...updateMethods,
    ...messageMethods,
    ...editMethods,
    ...mediaMethods,
    ...chatActionMethods,
    ...callbackMethods,
  ].map((method) => [method.name, method]),
);

/** Method names are matched case-insensitively by Telegram. */
export function findMethod(name: string): BotMethod | undefined {
  const exact = BOT_METHODS.get(name);
  if (exact !== undefined) return exact;
  const lower = name.toLowerCase();
  return [...BOT_METHODS.values()].find((method) => method.name.toLowerCase() === lower);
}
