import { describe, expect, it } from 'vitest';
import { ROLES, mainMenuKeyboard, menuActions, menuLabel, t, type Role } from '@fieldgram/bot-ui';
import {
  blockedCallbackAnswer,
  blockedReply,
  menuActionReply,
  startReplies,
  staleButtonAnswer,
  unknownCommandReply,
  unknownTextReply,
  type Person,
} from './replies.js';
import type { Outgoing } from '../core/outgoing.js';

const person = (role: Role, overrides: Partial<Person> = {}): Person => ({
  role,
  name: 'Ann Lee',
  active: true,
  ...overrides,
});
const message = (replies: Outgoing[]) => {
  expect(replies).toHaveLength(1);
  const [reply] = replies;
  if (reply?.kind !== 'message') throw new Error('expected a message');
  return reply;
};

describe('replies to /start', () => {
  it('welcomes a new person by role, naming them, with their main menu', () => {
    const technician = message(startReplies('registered', person('technician'), 'en'));
    expect(technician.text).toBe(
      'Welcome, Ann Lee! You are registered as a technician. New tasks will come here.',
    );
    expect(technician.markup).toEqual(mainMenuKeyboard('technician', 'en'));
    const client = message(startReplies('registered', person('client'), 'ru'));
    expect(client.text).toMatch(/^Добро пожаловать, Ann Lee!/);
    expect(client.markup).toEqual(mainMenuKeyboard('client', 'ru'));
    for (const role of ['admin', 'manager', 'workshop'] as const)
      expect(message(startReplies('registered', person(role), 'en')).text).toMatch(/^Welcome, Ann Lee!/);
  });

  it('says welcome back, connected, or why a link did not work', () => {
    expect(message(startReplies('existing', person('technician'), 'en')).text).toBe(
      'Welcome back, Ann Lee! The menu is below.',
    );
    expect(message(startReplies('linked', person('manager'), 'en')).text).toMatch(
      /^Your Telegram is now connected to Ann Lee's account/,
    );
    const invite = message(startReplies('invite-invalid', person('client'), 'en'));
    expect(invite.text).toMatch(
      /invite link has expired or has already been used up.*registered as a client/,
    );
    expect(invite.markup).toEqual(mainMenuKeyboard('client', 'en'));
    expect(message(startReplies('link-invalid', person('client'), 'ru')).text).toMatch(
      /ссылки для подключения истёк или она уже использована/,
    );
  });

  it('gives an inactive person only the blocked notice, whatever the outcome, and takes the menu away', () => {
    for (const outcome of ['registered', 'existing', 'linked', 'invite-invalid', 'link-invalid'] as const) {
      const blocked = startReplies(outcome, person('technician', { active: false }), 'en');
      expect(blocked).toEqual([blockedReply('en')]);
    }
    expect(blockedReply('en')).toMatchObject({ markup: { remove_keyboard: true } });
    expect(blockedCallbackAnswer('q1', 'ru')).toMatchObject({ kind: 'callback-answer', alert: true });
  });
});

describe('replies to everything else', () => {
  it('answers Help with the role’s help and other buttons with “coming soon”', () => {
    expect(message([menuActionReply(person('technician'), 'help', 'en')]).text).toMatch(
      /^You are a technician/,
    );
    expect(message([menuActionReply(person('client'), 'newWaybill', 'en')]).text).toBe(
      '“New waybill” is coming soon. We will let you know here when it is ready.',
    );
    expect(message([menuActionReply(person('admin'), 'users', 'ru')]).text).toMatch(/^«Пользователи» скоро/);
  });

  it('help names a button as available only when it does something (issue 11)', () => {
    // The main-menu flows built so far (flows/tasks/, flows/waybills/, flows/claims/); every
    // other button says "coming soon".
    const working = new Set([
      'technician:myTasks',
      'client:newWaybill',
      'client:myWaybills',
      'client:fileClaim',
      'manager:claims',
    ]);
    const comingSoonHeading = { en: 'Coming soon here:', ru: 'Скоро здесь:' } as const;
    for (const lang of ['en', 'ru'] as const)
      for (const role of ROLES) {
        const help = message([menuActionReply(person(role), 'help', lang)]).text;
        const [available = '', comingSoon = ''] = help.split(comingSoonHeading[lang]);
        for (const action of menuActions(role).filter((a) => a !== 'help')) {
          const name = menuLabel(action, lang).replace(/^[^\p{L}]+/u, '');
          if (working.has(`${role}:${action}`)) continue;
          expect(available, `${lang} ${role} ${action}`).not.toContain(name);
          expect(comingSoon, `${lang} ${role} ${action}`).toContain(name);
        }
      }
    expect(t('en', 'help.technician')).toContain('My tasks — your current tasks');
  });

  it('points free text and unknown commands at the menu', () => {
    const text = message([unknownTextReply(person('client'), 'en', 17)]);
    expect(text.replyTo).toBe(17);
    expect(text.markup).toEqual(mainMenuKeyboard('client', 'en'));
    expect(message([unknownCommandReply(person('client'), 'x'.repeat(100), 'en')]).text).toBe(
      `Unknown command /${'x'.repeat(32)}. Choose an item from the menu below or send /help.`,
    );
    expect(staleButtonAnswer('q9', 'en')).toEqual({
      kind: 'callback-answer',
      callbackQueryId: 'q9',
      text: 'This button is no longer active.',
    });
  });
});
