import { describe, expect, it } from 'vitest';
import { messages, type DataInput, type Messages } from '@fieldgram/contracts';
import {
  LANGUAGES,
  RULES,
  languageOf,
  matchingRules,
  renderNotification,
  renderTemplate,
  ruleEventTypes,
  selectedUserId,
  type NotificationRule,
} from './rules.js';
import { deliveryIdOf, telegramIdempotencyKey } from './delivery-keys.js';

const registered = (data: Partial<DataInput<Messages, 'user.registered'>> = {}) => ({
  type: 'user.registered',
  data: messages['user.registered'].data.parse({
    userId: '0192f0c4-0000-7000-8000-000000000001',
    role: 'technician',
    name: 'Иван Петров',
    telegramId: 42,
    username: 'ivan',
    profileLink: 'https://t.me/ivan',
    via: 'invite',
    ...data,
  }),
});

describe('notification rules', () => {
  it('a technician joining tells every admin, with sound and a review action (S0-05, S0-13)', () => {
    const event = registered();
    const [rule, ...others] = matchingRules(RULES, event);
    expect(others).toEqual([]);
    expect(rule?.recipients).toEqual([{ kind: 'role', role: 'admin' }]);
    expect(renderNotification(rule!, event.data, 'en')).toEqual({
      ruleId: 'technician-registered',
      type: 'user.registered',
      subject: 'user:0192f0c4-0000-7000-8000-000000000001',
      text: 'New technician added (Иван Петров)',
      sound: true,
      actions: [{ label: 'Review / edit', href: '/api/v1/users/0192f0c4-0000-7000-8000-000000000001' }],
      channels: ['feed', 'telegram'],
    });
    expect(renderNotification(rule!, event.data, 'ru')).toMatchObject({
      text: 'Добавлен новый техник (Иван Петров)',
      actions: [{ label: 'Проверить / изменить' }],
    });
  });

  it('a client joining is a quiet notification', () => {
    const [rule, ...others] = matchingRules(RULES, registered({ role: 'client', via: 'start' }));
    expect(others).toEqual([]);
    expect(rule).toMatchObject({ id: 'client-registered', sound: false });
    expect(renderNotification(rule!, registered({ name: 'Ann' }).data, 'en').text).toBe('New client (Ann)');
  });

  it('other roles, and events no rule listens to, trigger nothing', () => {
    expect(matchingRules(RULES, registered({ role: 'manager' }))).toEqual([]);
    expect(matchingRules(RULES, { type: 'invite.created', data: { role: 'technician' } })).toEqual([]);
    expect(matchingRules(RULES, { type: 'user.registered', data: null })).toEqual([]);
  });

  it('every rule renders in every language from its event schema alone (no unknown placeholders)', () => {
    for (const rule of RULES) {
      const data = sampleData(rule);
      for (const language of LANGUAGES) {
        const rendered = renderNotification(rule, data, language);
        expect(rendered.text).not.toMatch(/[{}]/);
        expect(rendered.text.length).toBeGreaterThan(0);
      }
      expect(messages[rule.event].kind).toBe('event');
    }
  });

  it('lists the event types to subscribe to, each once', () => {
    expect(ruleEventTypes()).toEqual(['user.registered']);
  });

  it('picks the language from the Telegram language code, else the default', () => {
    expect(languageOf('en')).toBe('en');
    expect(languageOf('en-US')).toBe('en');
    expect(languageOf('EN_gb')).toBe('en');
    expect(languageOf('ru')).toBe('ru');
    expect(languageOf('de')).toBe('ru');
    expect(languageOf(null)).toBe('ru');
    expect(languageOf(undefined, 'en')).toBe('en');
  });

  it('templates: fields of the event, encoded in hrefs; a missing field is a rule bug', () => {
    expect(renderTemplate('/users/{id}', { id: 'a/b c' }, encodeURIComponent)).toBe('/users/a%2Fb%20c');
    expect(renderTemplate('#{n} by {who}', { n: 42, who: 'Ann' })).toBe('#42 by Ann');
    expect(() => renderTemplate('({name})', { userId: 'x' })).toThrow(/needs the field "name"/);
    expect(() => renderTemplate('({name})', { name: null })).toThrow(/needs the field "name"/);
  });

  it('a user selector points at the id in the named field', () => {
    expect(selectedUserId({ kind: 'user', field: 'managerId' }, { managerId: 'm1' })).toBe('m1');
    expect(selectedUserId({ kind: 'user', field: 'managerId' }, { managerId: null })).toBeUndefined();
    expect(selectedUserId({ kind: 'role', role: 'admin' }, { managerId: 'm1' })).toBeUndefined();
  });
});

describe('Telegram delivery keys', () => {
  it('round-trips a delivery id and ignores other services’ keys', () => {
    const id = '0192f0c4-0000-7000-8000-0000000000aa';
    expect(deliveryIdOf(telegramIdempotencyKey(id))).toBe(id);
    expect(deliveryIdOf('conversation:123')).toBeUndefined();
    expect(deliveryIdOf('notification:not-a-uuid')).toBeUndefined();
  });
});

/** The smallest data of the rule's event that satisfies its condition, from the schema's shape. */
function sampleData(rule: NotificationRule): Record<string, unknown> {
  const schema = messages[rule.event].data as unknown as { shape?: Record<string, unknown> };
  const data: Record<string, unknown> = {};
  for (const field of Object.keys(schema.shape ?? {})) data[field] = `<${field}>`;
  return { ...data, ...rule.when };
}
