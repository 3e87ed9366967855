// The logistics bot's notifications: a waybill made (S1-02), a claim filed with its files (S1-03),
// a claim decided and reassigned (S1-06) — who is told, on which channel, in which words.
import { NBSP } from '@fieldgram/bot-ui';
import { describe, expect, it } from 'vitest';
import { messages, type DataInput, type Messages } from '@fieldgram/contracts';
import { RULES } from './index.js';
import { matchingRules, recipientsToTell, renderNotification } from './engine.js';

const spaced = (text: string) => text.replaceAll(NBSP, ' ');
const CLAIM = '0194f1a2-7c3d-7abc-8def-00000000c1a1';
const CLIENT = '0194f1a2-7c3d-7abc-8def-00000000c11e';
const MANAGER = '0194f1a2-7c3d-7abc-8def-0000000000a9';
/** What every claim event says of its claim. */
const CLAIM_FIELDS = {
  claimId: CLAIM,
  number: 'CL-2026-000045',
  clientId: CLIENT,
  clientName: 'Анна Клиентова',
  managerId: MANAGER,
  waybillNumber: 'WB-2026-000123',
  waybillFound: true,
};

function told<T extends 'waybill.created' | 'claim.filed' | 'claim.status-changed' | 'claim.reassigned'>(
  type: T,
  data: DataInput<Messages, T>,
  language: 'ru' | 'en',
) {
  const parsed = messages[type].data.parse(data);
  return matchingRules(RULES, { type, data: parsed }).map((rule) => ({
    rule,
    // identity names the waybill's client; claim events name their client themselves.
    note: renderNotification(rule, { clientName: 'Анна Клиентова', ...parsed }, language),
  }));
}

describe('a waybill made (S1-02)', () => {
  const waybill = {
    waybillId: '0194f1a2-7c3d-7abc-8def-0000000000b1',
    number: 'WB-2026-000123',
    clientId: CLIENT,
    managerId: MANAGER,
    cargo: 'Пианино',
    weightKg: 212.5,
    pickupAddress: 'Москва, Тверская 1',
    deliveryAddress: 'Казань, Баумана 5',
  };

  it("tells every admin's feed with sound and the client's manager in Telegram; nothing to the client", () => {
    const [admins, manager, ...others] = told('waybill.created', waybill, 'ru');
    expect(others).toEqual([]);
    expect(admins?.rule).toMatchObject({ recipients: [{ kind: 'role', role: 'admin' }], channels: ['feed'] });
    expect(manager?.rule).toMatchObject({
      recipients: [{ kind: 'user', field: 'managerId' }],
      channels: ['telegram'],
    });
    expect(admins?.note).toMatchObject({
      subject: `waybill:${waybill.waybillId}`,
      sound: true,
      text: 'Новая накладная WB-2026-000123 от Анна Клиентова: Пианино, 212,5 кг, Москва, Тверская 1 → Казань, Баумана 5',
      actions: [{ label: 'Открыть накладную', href: `/api/v1/waybills/${waybill.waybillId}` }],
    });
    expect(told('waybill.created', waybill, 'en')[1]?.note.text).toBe(
      'New waybill WB-2026-000123 from Анна Клиентова: Пианино, 212.5 kg, Москва, Тверская 1 → Казань, Баумана 5',
    );
    expect(
      RULES.filter((rule) => rule.event === 'waybill.created').flatMap((rule) => rule.recipients),
    ).not.toContainEqual({ kind: 'user', field: 'clientId' });
  });
});

describe('a claim filed (S1-03)', () => {
  const claim = {
    ...CLAIM_FIELDS,
    email: 'anna@example.com',
    description: 'Коробка пришла мятой',
    amount: 1_500_050,
    currency: 'RUB' as const,
    files: [
      { kind: 'photo' as const, fileId: 'photo-1' },
      { kind: 'document' as const, fileId: 'scan-1' },
    ],
  };

  it('tells the admins’ feed with sound and the manager in Telegram at once, with the files', () => {
    const [admins, manager, ...others] = told('claim.filed', claim, 'ru');
    expect(others).toEqual([]);
    expect(admins?.rule).toMatchObject({ channels: ['feed'], sound: true });
    expect(admins?.rule.attachments).toBeUndefined();
    expect(manager?.rule).toMatchObject({
      recipients: [{ kind: 'user', field: 'managerId' }],
      channels: ['telegram'],
      sound: true,
      attachments: { field: 'files' },
    });
    expect(spaced(manager!.note.text)).toBe(
      [
        'Новая претензия CL-2026-000045 от Анна Клиентова',
        'Накладная: WB-2026-000123',
        'Сумма: 15 000,50 ₽',
        'E-mail: anna@example.com',
        'Коробка пришла мятой',
      ].join('\n'),
    );
    expect(spaced(told('claim.filed', claim, 'en')[1]!.note.text)).toBe(
      [
        'New claim CL-2026-000045 from Анна Клиентова',
        'Waybill: WB-2026-000123',
        'Amount: 15,000.50 ₽',
        'E-mail: anna@example.com',
        'Коробка пришла мятой',
      ].join('\n'),
    );
  });

  it('flags a waybill that is none of the client’s as not found', () => {
    const notes = told('claim.filed', { ...claim, waybillFound: false, waybillNumber: '777-A' }, 'ru');
    expect(notes).toHaveLength(2);
    for (const { note } of notes)
      expect(note.text).toContain('Накладная: 777-A ⚠️ не найдена среди накладных клиента');
    expect(told('claim.filed', { ...claim, waybillFound: false }, 'en')[0]!.note.text).toContain(
      'not found among the client’s waybills',
    );
  });
});

describe('a claim decided (S1-06)', () => {
  const change = {
    ...CLAIM_FIELDS,
    from: 'in_review' as const,
    to: 'resolved' as const,
    comment: 'Вернём 15 000 ₽ до пятницы',
    byUserId: MANAGER,
  };

  it('tells the admins’ feed, the manager in Telegram and the client in the bot, in the client’s words', () => {
    const notes = told('claim.status-changed', change, 'ru');
    expect(notes.map(({ rule }) => [rule.recipients, rule.channels])).toEqual([
      [[{ kind: 'role', role: 'admin' }], ['feed']],
      [[{ kind: 'user', field: 'managerId' }], ['telegram']],
      [[{ kind: 'user', field: 'clientId' }], ['telegram']],
    ]);
    expect(notes[0]!.note.text).toBe(
      'Претензия CL-2026-000045 (Анна Клиентова): в работе → удовлетворена\nКомментарий: Вернём 15 000 ₽ до пятницы',
    );
    expect(notes[2]!.note.text).toBe(
      'Ваша претензия CL-2026-000045 (накладная WB-2026-000123) решена.\nКомментарий менеджера: Вернём 15 000 ₽ до пятницы',
    );
    const client = (to: 'in_review' | 'rejected', language: 'ru' | 'en') =>
      told('claim.status-changed', { ...change, to }, language).at(-1)!.note.text;
    expect(client('in_review', 'ru')).toMatch(/^Ваша претензия CL-2026-000045 .* принята в работу\./);
    expect(client('rejected', 'en')).toBe(
      'Your claim CL-2026-000045 (waybill WB-2026-000123) has been rejected.\nManager’s comment: Вернём 15 000 ₽ до пятницы',
    );
  });

  it('does not tell the manager (or admin) of their own move', () => {
    const [admins, manager, client] = told('claim.status-changed', change, 'en').map(({ rule }) => rule);
    const people = [{ id: MANAGER }, { id: 'someone-else' }];
    const byManager = { kind: 'user', userId: MANAGER, role: 'manager' } as const;
    expect(recipientsToTell(manager!, people, byManager)).toEqual([{ id: 'someone-else' }]);
    expect(recipientsToTell(admins!, people, byManager)).toEqual([{ id: 'someone-else' }]);
    expect(recipientsToTell(manager!, people, { kind: 'system' })).toEqual(people);
    expect(
      recipientsToTell(client!, [{ id: CLIENT }], { kind: 'user', userId: CLIENT, role: 'client' }),
    ).toEqual([{ id: CLIENT }]);
  });

  it('tells the new manager of a claim that followed its client (S1-01)', () => {
    const [only, ...others] = told('claim.reassigned', { ...CLAIM_FIELDS, previousManagerId: null }, 'en');
    expect(others).toEqual([]);
    expect(only?.rule).toMatchObject({
      recipients: [{ kind: 'user', field: 'managerId' }],
      channels: ['telegram'],
    });
    expect(only?.note.text).toBe(
      'Claim CL-2026-000045 from Анна Клиентова is yours now (waybill WB-2026-000123)',
    );
  });
});
