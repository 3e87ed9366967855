import { describe, expect, it } from 'vitest';
import { CATALOG } from '@fieldgram/bot-ui';
import { LANGUAGES, messages, type DataInput, type Messages } from '@fieldgram/contracts';
import { RULES, ruleEventTypes } from './index.js';
import { matchingRules, renderNotification, selectedUserId } from './engine.js';
import type { NotificationRule } from './rule.js';
import { placeholdersOf, renderTemplate } from '../template.js';
import { deliveryIdOf, telegramIdempotencyKey } from '../delivery-keys.js';

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

  it("says only catalog texts, in both languages, whose placeholders are fields of the rule's event", () => {
    for (const rule of RULES) {
      const fields = fieldPaths(sampleData(rule));
      const templates = [rule.subject ?? '', ...rule.actions.map((action) => action.href)];
      for (const key of [rule.text, ...rule.actions.map((action) => action.label)]) {
        for (const language of LANGUAGES) {
          expect(typeof CATALOG[language][key], `${rule.id}: ${language} ${key}`).toBe('string');
          templates.push(CATALOG[language][key]);
        }
      }
      for (const template of templates)
        for (const field of placeholdersOf(template))
          expect(fields, `${rule.id}: ${template}`).toContain(field);
    }
  });

  it('uses every notification text of the catalog (no text left behind by a removed rule)', () => {
    const used = new Set<string>(
      RULES.flatMap((rule) => [rule.text, ...rule.actions.map((action) => action.label)]),
    );
    const notifyKeys = Object.keys(CATALOG.en).filter((key) => key.startsWith('notify.'));
    expect(notifyKeys.filter((key) => !used.has(key))).toEqual([]);
  });

  it('lists the event types to subscribe to, each once', () => {
    expect(ruleEventTypes()).toEqual([
      'user.registered',
      'task.created',
      'task.sent',
      'task.accepted',
      'task.rejected',
      'task.client-info-released',
      'task.completed',
      'task.status-changed',
      'task.deleted',
      'task.offer-unanswered',
      'invoice.created',
      'invoice.sent',
      'invoice.status-changed',
      'invoice.deleted',
      'invoice.overdue-detected',
      'waybill.created',
      'claim.filed',
      'claim.status-changed',
      'claim.reassigned',
    ]);
    expect(ruleEventTypes([], ['task.assigned', 'task.assigned'])).toEqual(['task.assigned']);
  });

  it('templates: fields of the event, encoded in hrefs; a missing field is a rule bug', () => {
    expect(renderTemplate('({client.name})', { client: { name: 'Olga' } })).toBe('(Olga)');
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
  const looked = [...(rule.names ?? []), ...(rule.values ?? [])];
  const names = Object.fromEntries(looked.map(({ as }) => [as, `<${as}>`]));
  return { ...sampleOf(messages[rule.event].data, ''), ...names, ...rule.when };
}

/** Every field of a sample, nested ones dotted (`client.name`). */
function fieldPaths(data: Record<string, unknown>, path = ''): string[] {
  return Object.entries(data).flatMap(([field, value]) =>
    value !== null && typeof value === 'object'
      ? fieldPaths(value as Record<string, unknown>, `${path}${field}.`)
      : [`${path}${field}`],
  );
}

function sampleOf(schema: unknown, path: string): Record<string, unknown> {
  const shape = (schema as { shape?: Record<string, unknown> }).shape ?? {};
  const data: Record<string, unknown> = {};
  for (const [field, inner] of Object.entries(shape)) data[field] = sampleValue(inner, `${path}${field}`);
  return data;
}

interface SchemaShape {
  shape?: unknown;
  options?: readonly unknown[];
  _zod?: { def: { type: string; innerType?: unknown } };
}

/** A value of a field's kind: a number, the enum's first option, no files, else a `<name>` string. */
function sampleValue(schema: unknown, path: string): unknown {
  const inner = schema as SchemaShape;
  if (inner.shape !== undefined) return sampleOf(inner, `${path}.`);
  const def = inner._zod?.def;
  if (def?.innerType !== undefined) return sampleValue(def.innerType, path);
  if (def?.type === 'number') return 150_050;
  if (def?.type === 'enum') return inner.options?.[0];
  if (def?.type === 'array') return [];
  return `<${path}>`;
}

const TASK = '0194f1a2-7c3d-7abc-8def-0123456789ab';
const ANN = '0194f1a2-7c3d-7abc-8def-00000000a001';
const base = { taskId: TASK, number: 1042, title: 'Fix the boiler', assigneeId: ANN };

/** Renders what the admins are told about a task event (the assignee's name filled in as the service does). */
function told(type: string, data: Record<string, unknown>, language: 'ru' | 'en'): string[] {
  return matchingRules(RULES, { type, data }).map(
    (rule) => renderNotification(rule, { ...data, assigneeName: 'Ann Lee' }, language).text,
  );
}

describe('task notifications (S0-13)', () => {
  it('tell the admins every step, with the assignee by name, with sound, in Russian or English', () => {
    expect(told('task.created', { ...base, area: 'North' }, 'en')).toEqual([
      'Task #1042 created: Fix the boiler',
    ]);
    expect(told('task.sent', { ...base, area: 'North', sendCount: 1 }, 'en')).toEqual([
      'Task #1042 sent to (Ann Lee)',
    ]);
    expect(told('task.accepted', base, 'en')).toEqual(['Task #1042 accepted by (Ann Lee)']);
    expect(told('task.accepted', base, 'ru')).toEqual(['Задача №1042 принята (Ann Lee)']);
    expect(told('task.rejected', { ...base, reason: 'Too far' }, 'en')).toEqual([
      'Task #1042 rejected by (Ann Lee): Too far',
    ]);
    expect(told('task.rejected', { ...base, reason: null }, 'en')).toEqual([
      'Task #1042 rejected by (Ann Lee)',
    ]);
    expect(told('task.rejected', { ...base, reason: 'Далеко' }, 'ru')).toEqual([
      'Задача №1042 отклонена (Ann Lee): Далеко',
    ]);
    const client = { name: 'Olga Ivanova', phone: '+7 900', address: 'Lenina 1', notes: null };
    expect(told('task.client-info-released', { ...base, client }, 'en')).toEqual([
      'Client info sent for task #1042 (Olga Ivanova)',
    ]);
    expect(told('task.client-info-released', { ...base, client }, 'ru')).toEqual([
      'Данные клиента отправлены по задаче №1042 (Olga Ivanova)',
    ]);
    expect(told('task.completed', base, 'en')).toEqual(['Task #1042 marked completed: Fix the boiler']);
    const change = { ...base, from: 'accepted', to: 'cancelled', action: 'change-status' };
    expect(told('task.status-changed', { ...change, reason: 'client cancelled' }, 'en')).toEqual([
      'Status of task #1042 changed: accepted → cancelled (client cancelled)',
    ]);
    expect(told('task.status-changed', { ...change, reason: null }, 'en')).toEqual([
      'Status of task #1042 changed: accepted → cancelled',
    ]);
    expect(told('task.deleted', base, 'ru')).toEqual(['Задача №1042 удалена: Fix the boiler']);
    expect(told('task.offer-unanswered', { ...base, sendCount: 1 }, 'en')).toEqual([
      'No answer from (Ann Lee) for task #1042',
    ]);
    for (const rule of RULES.filter((r) => r.event.startsWith('task.'))) {
      expect(rule).toMatchObject({ recipients: [{ kind: 'role', role: 'admin' }], sound: true });
      expect(rule.channels).toEqual(['feed', 'telegram']);
    }
  });
});

describe('invoice notifications (S0-11, S0-13, S2-04)', () => {
  const INVOICE = '0194f1a2-7c3d-7abc-8def-0000000001c0';
  const invoice = {
    invoiceId: INVOICE,
    number: 'INV-2026-0007',
    taskId: TASK,
    total: 1_234_50,
    currency: 'RUB',
  };
  const say = (type: string, data: Record<string, unknown>, language: 'ru' | 'en') =>
    matchingRules(RULES, { type, data: messages[type as 'invoice.created'].data.parse(data) }).map((rule) =>
      renderNotification(rule, data, language),
    );

  it('tell the admins created, sent, status changed, deleted and overdue, in Russian or English', () => {
    const cases: [string, Record<string, unknown>, string, string][] = [
      ['invoice.created', invoice, 'Invoice #INV-2026-0007 created', 'Создан счёт №INV-2026-0007'],
      [
        'invoice.sent',
        { ...invoice, recipientId: ANN },
        'Invoice #INV-2026-0007 sent',
        'Счёт №INV-2026-0007 отправлен',
      ],
      [
        'invoice.status-changed',
        { ...invoice, from: 'pending', to: 'paid' },
        'Status of invoice #INV-2026-0007 changed: pending → paid',
        'Статус счёта №INV-2026-0007 изменён: pending → paid',
      ],
      ['invoice.deleted', invoice, 'Invoice #INV-2026-0007 deleted', 'Счёт №INV-2026-0007 удалён'],
      [
        'invoice.overdue-detected',
        { ...invoice, dueDate: '2026-03-01' },
        'Invoice #INV-2026-0007 is overdue (due 2026-03-01)',
        'Счёт №INV-2026-0007 просрочен (срок оплаты 2026-03-01)',
      ],
    ];
    for (const [type, data, en, ru] of cases) {
      const [english, ...others] = say(type, data, 'en');
      expect(others, type).toEqual([]);
      expect(english, type).toEqual({
        ruleId: expect.stringMatching(/^invoice-/) as unknown,
        type,
        subject: `invoice:${INVOICE}`,
        text: en,
        sound: true,
        actions: [{ label: 'Open invoice', href: `/api/v1/invoices/${INVOICE}` }],
        channels: ['feed', 'telegram'],
      });
      expect(
        say(type, data, 'ru').map((item) => [item.text, item.actions[0]?.label]),
        type,
      ).toEqual([[ru, 'Открыть счёт']]);
    }
    for (const rule of RULES.filter((r) => r.event.startsWith('invoice.'))) {
      expect(rule.recipients).toEqual([{ kind: 'role', role: 'admin' }]);
    }
  });
});
