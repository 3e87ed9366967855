// The client's claims (issue 13, S1-03, S1-08), end to end: the Telegram sandbox → the real
// bot-gateway, identity and conversation on RabbitMQ and Redis; the claims and waybill services
// are doubles at the bus boundary answering their contracts (both are written concurrently).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestEnv } from '@fieldgram/testkit';
import { t } from '@fieldgram/bot-ui';
import { ChatPerson, dataOf, labelsOf, textOf } from './support/chat-person.js';
import { ClaimsDouble } from './support/claims-double.js';
import { FrontDoorStack } from './support/stack.js';
import { WaybillDouble } from './support/waybill-double.js';

const env = useTestEnv('conversation-claims');
let stack: FrontDoorStack;
let waybills: WaybillDouble;
let claims: ClaimsDouble;

beforeAll(async () => {
  stack = await FrontDoorStack.start(env(), { orgLanguage: 'en' });
  waybills = await WaybillDouble.start(env());
  claims = await ClaimsDouble.start(env(), () => waybills.waybills.values());
});
afterAll(async () => {
  await claims?.stop();
  await waybills?.stop();
  await stack?.stop();
});

const step = (n: number, text: string) => `Step ${n}/5\n${text}`;
const FILES_ASK = t('en', 'claim.ask.files', { max: 10, mb: 20 });
const count = (n: number) => t('en', 'wizard.media.count', { count: n, max: 10 });
const filedBy = (clientId: string) =>
  claims.callsOf('claims.file').filter((call) => call.data.clientId === clientId);
const MB = 2 ** 20;

describe('a new claim (S1-03, S1-08)', () => {
  it('S1-03/S1-08: with an album of photos in 8 user actions (≤ 8): a waybill tap, three typed answers, the album, Done, Confirm', async () => {
    const ann = await ChatPerson.join(stack, 'Ann');
    const annId = await ann.userId;
    const [older, latest] = [waybills.add(annId, { cargo: 'Books' }), waybills.add(annId, { cargo: 'Lamp' })];

    const waybill = await ann.tapMenu('📝 New claim');
    expect(textOf(waybill)).toBe(step(1, t('en', 'claim.ask.waybill')));
    expect(labelsOf(waybill).map((label) => label.split(' · ')[0])).toEqual([
      latest.number,
      older.number,
      '✖️ Cancel',
    ]);
    await ann.tap(waybill, labelsOf(waybill)[0]!);
    expect(textOf(await ann.reply())).toBe(step(2, t('en', 'claim.ask.email')));
    expect(textOf(await ann.type('ann@example.com'))).toBe(step(3, t('en', 'claim.ask.description')));
    expect(textOf(await ann.type('The lamp arrived broken.'))).toBe(
      step(4, t('en', 'claim.ask.amount', { currency: '₽' })),
    );
    const files = await ann.type('15 000,50');
    expect(textOf(files)).toBe(step(5, FILES_ASK));
    expect(labelsOf(files)).toEqual(['✅ Done', '⬅️ Back', '✖️ Cancel']);
    const attached = await ann.sendAlbum([{ kind: 'photo' }, { kind: 'photo' }, { kind: 'photo' }]);
    expect(textOf(attached)).toBe(`${step(5, FILES_ASK)}\n${count(3)}`);
    expect(labelsOf(attached)).toEqual(['✅ Done', '🗑 Remove all', '⬅️ Back', '✖️ Cancel']);
    await ann.tap(attached, '✅ Done');
    const summary = await ann.reply();
    expect(textOf(summary)).toBe(
      [
        'Please check, then confirm:',
        `Waybill: ${labelsOf(waybill)[0]}`,
        'E-mail: ann@example.com',
        'Description: The lamp arrived broken.',
        'Amount: 15,000.50\u00a0₽',
        'Photos and scans: photos: 3, documents: 0',
      ].join('\n'),
    );
    await ann.tap(summary, '✅ Confirm');
    const filed = await ann.reply();
    const [claim] = [...claims.claims.values()].filter((c) => c.clientId === annId);
    expect(textOf(filed)).toBe(t('en', 'claim.filed', { number: claim!.number }));
    expect(ann.actions).toBe(8);
    expect(ann.actions).toBeLessThanOrEqual(8);

    const [call] = filedBy(annId);
    expect(call).toMatchObject({
      data: {
        clientId: annId,
        waybillNumber: latest.number,
        email: 'ann@example.com',
        description: 'The lamp arrived broken.',
        amount: 1_500_050,
        currency: 'RUB',
        requestId: dataOf(summary, '✅ Confirm').split(':')[2],
      },
      actor: { kind: 'user', userId: annId, role: 'client' },
    });
    const sent = call!.data.files as { kind: string; fileId: string }[];
    expect(sent.map((file) => file.kind)).toEqual(['photo', 'photo', 'photo']);
    expect(new Set(sent.map((file) => file.fileId)).size).toBe(3);
    expect(claim!.waybillId).toBe(latest.id);

    // The next claim offers the e-mail given before as a button.
    await ann.tap(await ann.tapMenu('📝 New claim'), labelsOf(waybill)[1]!);
    expect(labelsOf(await ann.reply())).toEqual(['ann@example.com', '⬅️ Back', '✖️ Cancel']);
  });

  it('S1-03: the files step refuses text, a sticker, a voice note and a 50 MB file with a clear message, losing nothing; photos one by one and a document count up', async () => {
    const bob = await ChatPerson.join(stack, 'Bob');
    const bobId = await bob.userId;
    const mine = waybills.add(bobId);
    const typed = await bob.tapMenu('📝 New claim');
    await bob.tap(typed, labelsOf(typed)[0]!);
    await bob.reply();
    expect(textOf(await bob.type('bob@'))).toBe(
      `${t('en', 'claim.invalid.email')}\n\n${step(2, t('en', 'claim.ask.email'))}`,
    );
    await bob.type('bob@example.com');
    await bob.type('Two cups broken.');
    expect(textOf(await bob.type('15,000.50'))).toBe(
      `${t('en', 'claim.invalid.amount', { currency: '₽' })}\n\n${step(4, t('en', 'claim.ask.amount', { currency: '₽' }))}`,
    );
    await bob.type('15 000 ₽');

    expect(textOf(await bob.sendPhoto())).toBe(`${step(5, FILES_ASK)}\n${count(1)}`);
    expect(textOf(await bob.type('here you go'))).toBe(
      `${t('en', 'wizard.media.expected')}\n\n${step(5, FILES_ASK)}\n${count(1)}`,
    );
    const sticker = await bob.sendFiles([
      { kind: 'sticker', fileId: 'st1', fileUniqueId: 'st1u', fileSize: 9_000 },
    ]);
    expect(textOf(sticker)).toBe(
      `${t('en', 'wizard.media.kindRefused', { kinds: 'stickers', allowed: 'photos, documents' })}\n\n${step(5, FILES_ASK)}\n${count(1)}`,
    );
    expect(textOf(await bob.sendVoice())).toContain(
      t('en', 'wizard.media.kindRefused', { kinds: 'voice notes', allowed: 'photos, documents' }),
    );
    const big = await bob.sendFiles([
      { kind: 'document', fileId: 'big', fileUniqueId: 'bigu', fileName: 'scan.pdf', fileSize: 50 * MB },
    ]);
    expect(textOf(big)).toBe(
      `${t('en', 'wizard.media.tooBig', { count: 1, mb: 20 })}\n\n${step(5, FILES_ASK)}\n${count(1)}`,
    );
    expect(textOf(await bob.sendPhoto())).toBe(`${step(5, FILES_ASK)}\n${count(2)}`);
    const two = await bob.sendDocument({ fileName: 'receipt.pdf', mimeType: 'application/pdf' });
    expect(textOf(two)).toBe(`${step(5, FILES_ASK)}\n${count(3)}`);
    await bob.tap(two, '✅ Done');
    const summary = await bob.reply();
    expect(textOf(summary)).toContain('Amount: 15,000.00\u00a0₽\nPhotos and scans: photos: 2, documents: 1');
    await bob.tap(summary, '✅ Confirm');
    expect(textOf(await bob.reply())).toMatch(/^✅ Claim CL-2026-\d{6} filed/);
    const [call] = filedBy(bobId);
    expect(call!.data).toMatchObject({ waybillNumber: mine.number, amount: 1_500_000 });
    expect(
      (call!.data.files as { kind: string; fileName?: string }[]).map((f) => [f.kind, f.fileName]),
    ).toEqual([
      ['photo', undefined],
      ['photo', undefined],
      ['document', 'receipt.pdf'],
    ]);
  });

  it('S1-03: another client’s waybill typed is asked again after Confirm, nothing lost; a number from outside the bot is filed flagged; the form resumes after a restart', async () => {
    const cat = await ChatPerson.join(stack, 'Cat');
    const catId = await cat.userId;
    const own = waybills.add(catId);
    const strangers = waybills.add('someone-else');
    const first = await cat.tapMenu('📝 New claim');
    await cat.type(strangers.number.toLowerCase().replaceAll('-', ' '));
    await cat.type('cat@example.com');
    await stack.restartConversation();
    await cat.type('Lost in transit.');
    const files = await cat.type('1200');
    await cat.tap(files, '✅ Done');
    const summary = await cat.reply();
    expect(textOf(summary)).toContain(`Waybill: ${strangers.number}\nE-mail: cat@example.com`);
    await cat.tap(summary, '✅ Confirm');
    const again = await cat.reply();
    expect(textOf(again)).toBe(
      `${t('en', 'claim.refused.waybill', { number: strangers.number })}\n\n${step(1, t('en', 'claim.ask.waybill'))}\nNow: ${strangers.number}`,
    );
    expect(labelsOf(again)[0]!.split(' · ')[0]).toBe(own.number);
    await cat.tap(again, labelsOf(first)[0]!);
    const back = await cat.reply();
    expect(textOf(back)).toContain(
      `E-mail: cat@example.com\nDescription: Lost in transit.\nAmount: 1,200.00\u00a0₽`,
    );
    await cat.tap(back, '✅ Confirm');
    expect(textOf(await cat.reply())).toMatch(/^✅ Claim CL-2026-\d{6} filed/);
    const filed = [...claims.claims.values()].filter((c) => c.clientId === catId);
    expect(filed.map((c) => [c.waybillNumber, c.waybillId])).toEqual([[own.number, own.id]]);

    // A waybill made outside the bot: filed, its waybill flagged for the manager (waybillId null).
    await cat.tapMenu('📝 New claim');
    await cat.type('TN 4711/22');
    const email = stack.botMessages(cat.tg.id).at(-1)!;
    await cat.tap(email, 'cat@example.com');
    await cat.reply();
    await cat.type('Wrong address.');
    await cat.tap(await cat.type('0'), '✅ Done');
    await cat.tap(await cat.reply(), '✅ Confirm');
    expect(textOf(await cat.reply())).toMatch(/^✅ Claim CL-2026-\d{6} filed/);
    expect(
      [...claims.claims.values()]
        .filter((c) => c.clientId === catId)
        .map((c) => [c.waybillNumber, c.waybillId]),
    ).toEqual([
      [own.number, own.id],
      ['TN 4711/22', null],
    ]);
  });
});
