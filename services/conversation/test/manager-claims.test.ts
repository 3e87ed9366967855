// The manager's claims (issue 13, S1-06, S1-08), end to end: the Telegram sandbox → the real
// bot-gateway, identity and conversation on RabbitMQ and Redis; the claims service is a double at
// the bus boundary answering its contract (services/claims is written concurrently): it shows a
// manager only their clients' claims and refuses another manager's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sleep, useTestEnv } from '@fieldgram/testkit';
import { t } from '@fieldgram/bot-ui';
import type { Claim, ClaimStatus } from '@fieldgram/contracts';
import { ChatPerson, buttonsOf, dataOf, labelsOf, textOf } from './support/chat-person.js';
import { ClaimsDouble } from './support/claims-double.js';
import { FrontDoorStack } from './support/stack.js';
import { WaybillDouble } from './support/waybill-double.js';

const env = useTestEnv('conversation-manager-claims');
let stack: FrontDoorStack;
let claims: ClaimsDouble;
let waybills: WaybillDouble;
let mila: ChatPerson;
let milaId: string;
let othersClaim: Claim;
const mine: Claim[] = [];

const STALE = t('en', 'callback.stale');
const STATUSES: ClaimStatus[] = ['new', 'in_review', 'resolved', 'rejected'];
const CLIENTS = ['Ivan Petrov', 'Olga Smirnova', 'Anna Lee'];

beforeAll(async () => {
  stack = await FrontDoorStack.start(env(), { orgLanguage: 'en' });
  waybills = await WaybillDouble.start(env());
  claims = await ClaimsDouble.start(env(), () => waybills.waybills.values());
  const manager = await stack.ask('identity.create-user', { role: 'manager', name: 'Mila Manager' });
  milaId = manager.id;
  mila = await ChatPerson.link(stack, milaId, 'Mila');
  // 300 claims of Mila's three clients (S1-05: a manager has 200–300 clients), of every status.
  const clientIds = CLIENTS.map((name, n) => {
    const id = `client-${n}`;
    claims.client(id, milaId, name);
    return id;
  });
  for (let n = 0; n < 300; n++)
    mine.push(
      claims.add(clientIds[n % 3]!, {
        status: STATUSES[n % 4]!,
        waybillNumber: `WB-2026-${String(n + 1).padStart(6, '0')}`,
      }),
    );
  claims.client('client-x', 'another-manager', 'Xavier Other');
  othersClaim = claims.add('client-x');
});
afterAll(async () => {
  await claims?.stop();
  await waybills?.stop();
  await stack?.stop();
});

const newestFirst = () => [...mine].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
const claimButtons = (event: Parameters<typeof labelsOf>[0]) =>
  buttonsOf(event).filter((b) => b.data.startsWith('cl:open:'));
const numbersOn = (event: Parameters<typeof labelsOf>[0]) =>
  claimButtons(event).map((b) => b.text.split(' · ')[0]);
const lists = () =>
  claims.callsOf('claims.list').filter((call) => call.actor.kind === 'user' && call.actor.userId === milaId);

describe("the manager's claims (S1-06)", () => {
  it('S1-06: the claims of her own clients, newest first, 10 a page over 300, each with its status, client and amount', async () => {
    const first = await mila.tapMenu('📑 Claims');
    expect(textOf(first)).toBe(
      [t('en', 'claim.list.title', { filter: 'All', total: 300 }), t('en', 'claim.list.hint')].join('\n'),
    );
    const all = newestFirst();
    expect(numbersOn(first)).toEqual(all.slice(0, 10).map((c) => c.number));
    expect(claimButtons(first)[0]!.text).toBe(`${all[0]!.number} · rejected · Anna Lee · 15,000.50\u00a0₽`);
    expect(labelsOf(first)).toContain('1/30');
    expect(labelsOf(first).join()).not.toContain('Xavier');
    expect(lists().at(-1)!.data).toMatchObject({ managerId: milaId, page: 1, pageSize: 10 });

    let page = first;
    for (let n = 2; n <= 4; n++) {
      await mila.pressData(page, dataOf(page, 'Next ›'));
      page = await mila.reply();
      expect(numbersOn(page)).toEqual(all.slice((n - 1) * 10, n * 10).map((c) => c.number));
      expect(labelsOf(page)).toContain(`${n}/30`);
    }
    // The last page, straight from a pager button of its own.
    const last = await mila.forge('pg:claims:30:all');
    await mila.pressData(last, 'pg:claims:30:all');
    const end = await mila.reply();
    expect(numbersOn(end)).toEqual(all.slice(290).map((c) => c.number));
    expect(labelsOf(end)).toContain('30/30');
    expect(labelsOf(end)).not.toContain('Next ›');
  });

  it('S1-06: filters by status, search by a client’s name, a claim number or a waybill number while the list is open', async () => {
    const list = await mila.tapMenu('📑 Claims');
    await mila.tap(list, 'In review');
    const inReview = await mila.reply();
    expect(textOf(inReview)).toMatch(/^📑 Your clients’ claims — In review: 75\n/);
    expect(numbersOn(inReview)).toEqual(
      newestFirst()
        .filter((c) => c.status === 'in_review')
        .slice(0, 10)
        .map((c) => c.number),
    );
    expect(labelsOf(inReview)).toContain('• In review');
    expect(lists().at(-1)!.data).toMatchObject({ status: 'in_review', page: 1 });

    const olga = await mila.type('Olga');
    expect(textOf(olga)).toBe(
      [
        t('en', 'claim.list.title', { filter: 'In review', total: 25 }),
        t('en', 'claim.list.search', { q: 'Olga' }),
        t('en', 'claim.list.hint'),
      ].join('\n'),
    );
    expect(
      claimButtons(olga).every((b) => b.text.includes('Olga Smirnova') && b.text.includes('in review')),
    ).toBe(true);
    // Page 2 keeps the filter and the search.
    await mila.tap(olga, 'Next ›');
    const olga2 = await mila.reply();
    expect(lists().at(-1)!.data).toMatchObject({ status: 'in_review', q: 'Olga', page: 2 });
    expect(claimButtons(olga2)).toHaveLength(10);
    await mila.tap(olga2, 'All');
    expect(textOf(await mila.reply())).toContain(t('en', 'claim.list.title', { filter: 'All', total: 100 }));

    const byNumber = await mila.type(mine[122]!.number);
    expect(numbersOn(byNumber)).toEqual([mine[122]!.number]);
    const byWaybill = await mila.type('WB-2026-000007');
    expect(numbersOn(byWaybill)).toEqual([mine[6]!.number]);
    await mila.tap(byWaybill, '✖️ Clear the search');
    expect(textOf(await mila.reply())).toBe(
      [t('en', 'claim.list.title', { filter: 'All', total: 300 }), t('en', 'claim.list.hint')].join('\n'),
    );
    const nothing = await mila.type('Nobody Here');
    expect(textOf(nothing)).toContain(t('en', 'claim.list.empty'));
  });

  it('S1-06: opening one shows every field (its waybill flagged when not found) and resends its files as albums; a status change asks for a comment first', async () => {
    const claim = claims.add('client-1', {
      waybillNumber: 'TN 4711/22',
      waybillId: null,
      description: 'Two cups broken.',
      email: 'olga@example.com',
      amount: 250_000,
      files: [
        {
          kind: 'photo',
          fileId: 'p1',
          fileUniqueId: 'p1u',
          storageKey: null,
          copy: 'pending',
          copyFailure: null,
        },
        {
          kind: 'photo',
          fileId: 'p2',
          fileUniqueId: 'p2u',
          storageKey: null,
          copy: 'pending',
          copyFailure: null,
        },
      ],
    });
    // Files Telegram knows (by file_id): the client's album of 3 photos and a document, sent to the bot.
    const olga = await ChatPerson.join(stack, 'Olga');
    await olga.sendAlbum([{ kind: 'photo' }, { kind: 'photo' }, { kind: 'photo' }]);
    await olga.sendDocument({ fileName: 'receipt.pdf' });
    claim.files = stack.tap.envelopes
      .filter((e) => e.type === 'tg.in.media' && (e.data as { chat: { id: number } }).chat.id === olga.tg.id)
      .flatMap(
        (e) =>
          (e.data as { files: Pick<Claim['files'][number], 'kind' | 'fileId' | 'fileUniqueId'>[] }).files,
      )
      .map((file) => ({ ...file, storageKey: null, copy: 'pending', copyFailure: null }));
    expect(claim.files.map((file) => file.kind)).toEqual(['photo', 'photo', 'photo', 'document']);

    const list = await mila.tapMenu('📑 Claims');
    await mila.tap(list, claimButtons(list)[0]!.text);
    const card = await mila.reply();
    expect(textOf(card)).toContain(`📑 Claim ${claim.number} of 2026-01-01 — new`);
    expect(textOf(card)).toContain(
      [
        'Client: Olga Smirnova',
        t('en', 'claim.card.waybillNotFound', { number: 'TN 4711/22' }),
        'E-mail for the answer: olga@example.com',
        'Amount claimed: 2,500.00\u00a0₽',
        'What happened: Two cups broken.',
        'Photos and scans: 4',
        'History:',
        '2026-01-01 — new',
      ].join('\n'),
    );
    expect(labelsOf(card)).toEqual(['🔍 Take into review', '⬅️ Back to the list']);
    // Its files again: the 3 photos as one album, then the document (Telegram keeps them apart).
    const resent = await mila.replies(4);
    expect(resent.map((m) => (m.message?.photo ? 'photo' : m.message?.document?.file_name))).toEqual([
      'photo',
      'photo',
      'photo',
      'receipt.pdf',
    ]);
    expect(new Set(resent.slice(0, 3).map((m) => m.message?.media_group_id)).size).toBe(1);

    await mila.tap(card, '🔍 Take into review');
    const question = await mila.reply();
    expect(textOf(question)).toBe(
      t('en', 'claim.comment.ask', { number: claim.number, status: 'in review' }),
    );
    expect(labelsOf(question)).toEqual(['✖️ Cancel']);
    expect(textOf(await mila.type('x'.repeat(2_001)))).toBe(t('en', 'claim.comment.empty'));
    expect(textOf(await mila.type('Checking with the courier.'))).toBe(
      t('en', 'claim.changed', { number: claim.number, status: 'in review' }),
    );
    expect(claims.claims.get(claim.id)).toMatchObject({
      status: 'in_review',
      comment: 'Checking with the courier.',
    });
    expect(claims.callsOf('claims.change-status').at(-1)).toMatchObject({
      data: { claimId: claim.id, status: 'in_review', comment: 'Checking with the courier.' },
      actor: { kind: 'user', userId: milaId, role: 'manager' },
    });
    // The list is open again: typing searches it.
    expect(textOf(await mila.type('Anna'))).toContain(t('en', 'claim.list.search', { q: 'Anna' }));

    // The old Take into review: the claim moved on.
    expect(await mila.pressData(card, dataOf(card, '🔍 Take into review'))).toBe(
      t('en', 'claim.refused.conflict'),
    );
    const reopened = await mila.forge(`cl:open:${claim.id}:1`);
    await mila.pressData(reopened, `cl:open:${claim.id}:1`);
    const inReview = await mila.reply();
    await mila.replies(4);
    expect(textOf(inReview)).toContain('2026-01-01 — new');
    expect(textOf(inReview)).toContain('Last comment: Checking with the courier.');
    expect(labelsOf(inReview)).toEqual(['✅ Resolve', '❌ Reject', '⬅️ Back to the list']);
    await mila.tap(inReview, '❌ Reject');
    const rejectQuestion = await mila.reply();
    await mila.tap(rejectQuestion, '✖️ Cancel');
    expect(textOf(await mila.reply())).toBe(t('en', 'claim.comment.cancelled', { number: claim.number }));
    expect(claims.claims.get(claim.id)!.status).toBe('in_review');
    await mila.tap(inReview, '✅ Resolve');
    await mila.reply();
    expect(textOf(await mila.type('Refund approved.'))).toBe(
      t('en', 'claim.changed', { number: claim.number, status: 'resolved' }),
    );
    expect(claims.claims.get(claim.id)).toMatchObject({ status: 'resolved', comment: 'Refund approved.' });
  });

  it('S1-06: forged buttons — another manager’s claim, a claim that does not exist, a client pressing a manager’s button — are stale, reveal nothing, change nothing', async () => {
    const before = mila.unread();
    for (const data of [
      `cl:open:${othersClaim.id}:1`,
      `cl:review:${othersClaim.id}`,
      `cl:reject:${othersClaim.id}`,
      'cl:open:0194f1a2-0000-7000-8000-000000000000:1',
      'cl:filter:deleted',
      `cl:cancel:${othersClaim.id}`,
    ]) {
      const forged = await mila.forge(data);
      expect(await mila.pressData(forged, data), data).toBe(STALE);
    }
    expect(othersClaim.status).toBe('new');
    expect(
      claims.callsOf('claims.get').filter((c) => c.data.claimId === othersClaim.id).length,
    ).toBeGreaterThan(0);
    expect(claims.callsOf('claims.change-status').filter((c) => c.data.claimId === othersClaim.id)).toEqual(
      [],
    );

    const client = await ChatPerson.join(stack, 'Zed');
    const forged = await client.forge(`cl:open:${mine[0]!.id}:1`);
    expect(await client.pressData(forged, `cl:open:${mine[0]!.id}:1`)).toBe(STALE);
    await sleep(500);
    expect(mila.unread()).toBe(before);
    expect(client.unread()).toBe(0);
  });
});
