import { allTexts, t } from '../text/catalog.js';
import type { Lang } from '../text/lang.js';
import type { ReplyKeyboardMarkup } from './markup.js';

/** The roles of fieldgram (the same names as the contracts' RoleSchema). */
export const ROLES = ['admin', 'manager', 'technician', 'workshop', 'client'] as const;
export type Role = (typeof ROLES)[number];

/** What a main-menu button stands for, whatever the language it was shown in. */
export const MENU_ACTIONS = [
  'users',
  'inviteTechnician',
  'settings',
  'help',
  'myTasks',
  'workshopQueue',
  'myClients',
  'chats',
  'claims',
  'newWaybill',
  'fileClaim',
  'callManager',
  'myWaybills',
] as const;
export type MenuAction = (typeof MENU_ACTIONS)[number];

const label = (action: MenuAction): `menu.${MenuAction}` => `menu.${action}`;

/**
 * Each role's main menu, row by row (REQUIREMENTS S1-08: few taps). Technicians get their tasks
 * (S0), workshop engineers the workshop queue (S4-05), managers their clients, chats and claims
 * (S1-05/06), clients a new waybill, a new claim, their waybills and the manager call
 * (S1-02…04), admins the users, the technicians' join link and the settings (S0-01/02, S3-07).
 */
export const MAIN_MENUS: Record<Role, readonly (readonly MenuAction[])[]> = {
  admin: [
    ['users', 'inviteTechnician'],
    ['settings', 'help'],
  ],
  manager: [
    ['myClients', 'chats'],
    ['claims', 'help'],
  ],
  technician: [['myTasks', 'help']],
  workshop: [['workshopQueue', 'myTasks'], ['help']],
  client: [['newWaybill', 'fileClaim'], ['myWaybills', 'callManager'], ['help']],
};

/** The menu actions of a role, in display order. */
export function menuActions(role: Role): MenuAction[] {
  return MAIN_MENUS[role].flat();
}

/** The role's main menu as a persistent reply keyboard under the input field. */
export function mainMenuKeyboard(role: Role, lang: Lang): ReplyKeyboardMarkup {
  return {
    keyboard: MAIN_MENUS[role].map((row) => row.map((action) => ({ text: t(lang, label(action)) }))),
    resize_keyboard: true,
    is_persistent: true,
  };
}

/** The label of a menu action's button. */
export function menuLabel(action: MenuAction, lang: Lang): string {
  return t(lang, label(action));
}

/**
 * The menu action a text stands for, if it is one of the role's buttons in either language
 * (the user may have switched languages since the keyboard was sent). Emoji, spacing and case
 * are ignored, so a label typed by hand counts too.
 */
export function menuActionOf(role: Role, text: string): MenuAction | undefined {
  const wanted = normalizeLabel(text);
  if (!wanted) return undefined;
  return menuActions(role).find((action) =>
    allTexts(label(action)).some((shown) => normalizeLabel(shown) === wanted),
  );
}

/** Letters and digits only, lower-cased, single-spaced: how a label is compared. */
export function normalizeLabel(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
