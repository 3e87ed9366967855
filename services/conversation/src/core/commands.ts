import { menuActionOf, type MenuAction, type Role } from '@fieldgram/bot-ui';

/** The commands the bot understands beyond `/start` (set as the bot's command list later). */
export type KnownCommand = 'start' | 'help' | 'menu' | 'cancel';

export function knownCommand(command: string): KnownCommand | undefined {
  return command === 'start' || command === 'help' || command === 'menu' || command === 'cancel'
    ? command
    : undefined;
}

/** What a text from a person of `role` is: one of their menu buttons, or free text. */
export type TextMeaning = { kind: 'menu'; action: MenuAction } | { kind: 'free-text' };

export function meaningOfText(role: Role, text: string): TextMeaning {
  const action = menuActionOf(role, text);
  return action ? { kind: 'menu', action } : { kind: 'free-text' };
}
