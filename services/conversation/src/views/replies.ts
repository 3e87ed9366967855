import {
  REMOVE_KEYBOARD,
  mainMenuKeyboard,
  menuLabel,
  t,
  type Lang,
  type MenuAction,
  type Role,
  type TextKey,
} from '@fieldgram/bot-ui';
import type { Outgoing } from '../core/outgoing.js';

/** What the replies need to know of a person (identity owns the rest). */
export interface Person {
  role: Role;
  name: string;
  active: boolean;
}

/** identity's verdict on a `/start` (the contract's `outcome`). */
export type StartOutcome =
  'registered' | 'existing' | 'linked' | 'invite-invalid' | 'link-invalid' | 'blocked';

const WELCOME: Record<Role, TextKey & `welcome.${Role}`> = {
  admin: 'welcome.admin',
  manager: 'welcome.manager',
  technician: 'welcome.technician',
  workshop: 'welcome.workshop',
  client: 'welcome.client',
};
const HELP: Record<Role, TextKey & `help.${Role}`> = {
  admin: 'help.admin',
  manager: 'help.manager',
  technician: 'help.technician',
  workshop: 'help.workshop',
  client: 'help.client',
};

/** A message with the role's main menu under the input field: how the bot always answers. */
function withMenu(person: Pick<Person, 'role'>, lang: Lang, text: string, replyTo?: number): Outgoing {
  return {
    kind: 'message',
    text,
    markup: mainMenuKeyboard(person.role, lang),
    ...(replyTo !== undefined ? { replyTo } : {}),
  };
}

/** The one message an inactive user gets for any update (S3-07); their menu is taken away. */
export function blockedReply(lang: Lang): Outgoing {
  return { kind: 'message', text: t(lang, 'access.blocked'), markup: REMOVE_KEYBOARD };
}

/** An inactive user's button press: the blocked notice as the press's answer, nothing else. */
export function blockedCallbackAnswer(callbackQueryId: string, lang: Lang): Outgoing {
  return { kind: 'callback-answer', callbackQueryId, text: t(lang, 'access.blocked'), alert: true };
}

/** The answer to `/start` (or to a first contact), by identity's outcome and the person's role. */
export function startReplies(outcome: StartOutcome, person: Person, lang: Lang): Outgoing[] {
  if (!person.active) return [blockedReply(lang)];
  const name = person.name;
  switch (outcome) {
    case 'registered':
      return [withMenu(person, lang, t(lang, WELCOME[person.role], { name }))];
    case 'existing':
      return [withMenu(person, lang, t(lang, 'welcome.back', { name }))];
    case 'linked':
      return [withMenu(person, lang, t(lang, 'welcome.linked', { name }))];
    case 'invite-invalid':
      return [withMenu(person, lang, t(lang, 'start.inviteInvalid'))];
    case 'link-invalid':
      return [withMenu(person, lang, t(lang, 'start.linkInvalid'))];
    case 'blocked':
      return [blockedReply(lang)];
  }
}

export function helpReply(person: Pick<Person, 'role'>, lang: Lang): Outgoing {
  return withMenu(person, lang, t(lang, HELP[person.role]));
}

export function mainMenuReply(person: Pick<Person, 'role'>, lang: Lang): Outgoing {
  return withMenu(person, lang, t(lang, 'menu.title'));
}

/**
 * A main-menu button with no flow behind it yet: Help answers with the role's help, the others
 * say they are coming soon. A flow's menu routes answer ahead of this (`flows/`).
 */
export function menuActionReply(person: Pick<Person, 'role'>, action: MenuAction, lang: Lang): Outgoing {
  if (action === 'help') return helpReply(person, lang);
  return withMenu(person, lang, t(lang, 'menu.comingSoon', { item: stripIcon(menuLabel(action, lang)) }));
}

/** Text that is no button and no answer to a question: point at the menu, quoting the message. */
export function unknownTextReply(person: Pick<Person, 'role'>, lang: Lang, messageId: number): Outgoing {
  return withMenu(person, lang, t(lang, 'fallback.text'), messageId);
}

export function unknownCommandReply(person: Pick<Person, 'role'>, command: string, lang: Lang): Outgoing {
  return withMenu(person, lang, t(lang, 'fallback.command', { command: command.slice(0, 32) }));
}

export function mediaReply(person: Pick<Person, 'role'>, lang: Lang, messageId: number): Outgoing {
  return withMenu(person, lang, t(lang, 'fallback.media'), messageId);
}

export function contactReply(person: Pick<Person, 'role'>, lang: Lang): Outgoing {
  return withMenu(person, lang, t(lang, 'contact.thanks'));
}

export function cancelReply(
  person: Pick<Person, 'role'>,
  hadSomethingToCancel: boolean,
  lang: Lang,
): Outgoing {
  return withMenu(person, lang, t(lang, hadSomethingToCancel ? 'cancel.done' : 'cancel.nothing'));
}

/** ✖️ Cancel in a wizard: it is over, nothing was kept. */
export function wizardCancelledReply(person: Pick<Person, 'role'>, lang: Lang): Outgoing {
  return withMenu(person, lang, t(lang, 'wizard.cancelled'));
}

/** A wizard whose definition changed since it was started: its answers are discarded, politely. */
export function wizardOutdatedReply(person: Pick<Person, 'role'>, lang: Lang): Outgoing {
  return withMenu(person, lang, t(lang, 'wizard.outdated'));
}

/** A press of a button whose flow is over, unknown, or forged: a polite answer, never an effect. */
export function staleButtonAnswer(callbackQueryId: string, lang: Lang): Outgoing {
  return { kind: 'callback-answer', callbackQueryId, text: t(lang, 'callback.stale') };
}

/** "📋 My tasks" → "My tasks", for quoting a button in a sentence. */
function stripIcon(label: string): string {
  return label.replace(/^[^\p{L}\p{N}]+/u, '').trim() || label;
}
