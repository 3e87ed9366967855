import { describe, expect, it } from 'vitest';
import { NBSP, t } from '@fieldgram/bot-ui';
import type { Claim, Waybill } from '@fieldgram/contracts';
import type { Outgoing } from '../../core/outgoing.js';
import { claimFilesOf, emailChoices, filesShown, waybillChoices } from './client-views.js';
import { listStateOf, searchOf, searchPrompt } from './list-state.js';
import { claimCardReply, claimFilesReplies, claimListReply, movesFrom } from './manager-views.js';
import { claimInputOf } from './wizard.js';

const ID = '0194f1a2-0000-7000-8000-000000000001';
const claim: Claim = {
  id: ID,
  number: 'CL-2026-000045',
  clientId: 'c1',
  clientName: 'Olga Smirnova-Konstantinopolskaya',
  managerId: 'm1',
  waybillNumber: 'TN 4711',
  waybillId: null,
  email: 'olga@example.com',
  description: 'The box arrived crushed.',
  amount: 1_500_050,
  currency: 'RUB',
  files: [],
  status: 'in_review',
  comment: 'Checking.',
  history: [
    { from: null, to: 'new', comment: null, byUserId: 'c1', at: '2026-03-12T10:00:00.000Z' },
    { from: 'new', to: 'in_review', comment: 'Checking.', byUserId: 'm1', at: '2026-03-13T10:00:00.000Z' },
  ],
  createdAt: '2026-03-12T10:00:00.000Z',
  updatedAt: '2026-03-13T10:00:00.000Z',
};
const message = (reply: Outgoing) => {
  if (reply.kind !== 'message') throw new Error('expected a message');
  return reply;
};
const buttons = (reply: Outgoing) => {
  const markup = message(reply).markup;
  return markup && 'inline_keyboard' in markup
    ? markup.inline_keyboard.flat().map((b) => [b.text, b.callback_data])
    : [];
};
const file = (kind: 'photo' | 'document', n: number) => ({
  kind,
  fileId: `${kind}${n}`,
  fileUniqueId: `u${kind}${n}`,
  storageKey: null,
  copy: 'pending' as const,
  copyFailure: null,
});

describe('what the claims flow shows the client (S1-03)', () => {
  it('the latest waybills and the e-mails given before as buttons; files counted; only photos and documents sent', () => {
    const waybill = {
      number: 'WB-2026-000123',
      createdAt: '2026-03-12T10:00:00.000Z',
      cargo: 'Lamp and a shade, fragile, handle with care',
    };
    expect(waybillChoices([waybill as Waybill])).toEqual([
      {
        value: 'WB-2026-000123',
        label: {
          en: 'WB-2026-000123 · 2026-03-12 · Lamp and a shade, fragi…',
          ru: 'WB-2026-000123 · 12.03.2026 · Lamp and a shade, fragi…',
        },
      },
    ]);
    expect(emailChoices(['a@b.co', null, undefined, ' ', 'a@b.co', 'c@d.co'])).toEqual([
      { value: 'a@b.co', label: 'a@b.co' },
      { value: 'c@d.co', label: 'c@d.co' },
    ]);
    const sent = [
      { kind: 'photo' as const, fileId: 'p', fileUniqueId: 'pu', fileSize: 5 },
      { kind: 'voice' as const, fileId: 'v', fileUniqueId: 'vu' },
      {
        kind: 'document' as const,
        fileId: 'd',
        fileUniqueId: 'du',
        fileName: 'scan.pdf',
        mimeType: 'application/pdf',
      },
    ];
    expect(claimFilesOf(sent)).toEqual([sent[0], sent[2]]);
    expect(
      filesShown(
        sent.filter((f) => f.kind !== 'voice'),
        'ru',
      ),
    ).toBe('фото: 1, документов: 1');
    expect(claimInputOf({ waybill: 'WB-1', email: 'a@b.co', description: 'x', amount: 5 }, sent)).toEqual({
      waybillNumber: 'WB-1',
      email: 'a@b.co',
      description: 'x',
      amount: 5,
      files: [sent[0], sent[2]],
    });
    expect(claimInputOf({ waybill: 'WB-1', email: 'a@b.co', description: 'x' }, [])).toBeUndefined();
  });
});

describe('what the claims flow shows the manager (S1-06)', () => {
  it('a page: the filter and the count, the search, the hint; a button a claim, the pager, the filters, Clear', () => {
    const { history: _h, files: _f, ...summary } = claim;
    const page = claimListReply(
      { items: [{ ...summary, fileCount: 2 }], total: 25, page: 2 },
      { filter: 'in_review', q: 'Olga' },
      'en',
    );
    expect(message(page).text).toBe(
      [
        t('en', 'claim.list.title', { filter: 'In review', total: 25 }),
        t('en', 'claim.list.search', { q: 'Olga' }),
        t('en', 'claim.list.hint'),
      ].join('\n'),
    );
    expect(buttons(page)).toEqual([
      [`CL-2026-000045 · in review · Olga Smirnova-Konst… · 15,000.50${NBSP}₽`, `cl:open:${ID}:2`],
      ['‹ Back', 'pg:claims:1:in_review'],
      ['2/3', 'pg:noop:2'],
      ['Next ›', 'pg:claims:3:in_review'],
      ['All', 'cl:filter:all'],
      ['New', 'cl:filter:new'],
      ['• In review', 'cl:filter:in_review'],
      ['Resolved', 'cl:filter:resolved'],
      ['Rejected', 'cl:filter:rejected'],
      ['✖️ Clear the search', 'cl:clear:in_review'],
    ]);
  });

  it('a card: every field, the waybill flagged when not found, the history; the moves its status allows', () => {
    const card = claimCardReply(claim, { page: 3, state: { filter: 'all' } }, 'en');
    expect(message(card).text).toBe(
      [
        '📑 Claim CL-2026-000045 of 2026-03-12 — in review',
        'Client: Olga Smirnova-Konstantinopolskaya',
        t('en', 'claim.card.waybillNotFound', { number: 'TN 4711' }),
        'E-mail for the answer: olga@example.com',
        `Amount claimed: 15,000.50${NBSP}₽`,
        'What happened: The box arrived crushed.',
        'Photos and scans: 0',
        'Last comment: Checking.',
        'History:',
        '2026-03-12 — new',
        '2026-03-13 — in review: Checking.',
      ].join('\n'),
    );
    expect(buttons(card)).toEqual([
      ['✅ Resolve', `cl:resolve:${ID}`],
      ['❌ Reject', `cl:reject:${ID}`],
      ['⬅️ Back to the list', 'pg:claims:3:all'],
    ]);
    expect(
      message(claimCardReply({ ...claim, waybillId: 'w1' }, { page: 1, state: { filter: 'all' } }, 'ru'))
        .text,
    ).toContain('Накладная: TN 4711\n');
    expect(movesFrom('new')).toEqual(['review']);
    expect(movesFrom('resolved')).toEqual([]);
  });

  it('its files again: photos in albums of up to 10, documents apart', () => {
    const files = [...Array.from({ length: 11 }, (_, n) => file('photo', n)), file('document', 1)];
    expect(
      claimFilesReplies(files).map((reply) =>
        reply.kind === 'files' ? reply.files.map((f) => f.fileId) : [],
      ),
    ).toEqual([
      ['photo0', 'photo1', 'photo2', 'photo3', 'photo4', 'photo5', 'photo6', 'photo7', 'photo8', 'photo9'],
      ['photo10'],
      ['document1'],
    ]);
    expect(claimFilesReplies([])).toEqual([]);
  });

  it('the list state lives in the prompt; a search is one short line', () => {
    expect(listStateOf({})).toEqual({ filter: 'all' });
    expect(listStateOf({ prompt: searchPrompt({ filter: 'new', q: 'Olga' }) })).toEqual({
      filter: 'new',
      q: 'Olga',
    });
    expect(listStateOf({ prompt: { name: 'task-reject', data: { filter: 'new' } } })).toEqual({
      filter: 'all',
    });
    expect(listStateOf({ prompt: { name: 'claims-search', data: { filter: 'bogus', q: ' ' } } })).toEqual({
      filter: 'all',
    });
    expect(searchOf('  Olga   Smirnova ')).toBe('Olga Smirnova');
    expect(searchOf('x'.repeat(150))).toHaveLength(100);
    expect(searchOf('   ')).toBeUndefined();
  });
});
