// Filing claims (issue 13, S1-03, S1-01): the client's own waybill, one made outside the bot,
// another client's; numbers without gaps; one claim per filing however often it is sent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '@fieldgram/contracts';
import { useTestEnv } from '@fieldgram/testkit';
import { startClaims, type ClaimsRun } from './support/harness.js';

const env = useTestEnv('claims-filing');
let claims: ClaimsRun;
let manager: User;
let client: User;

/** CL-<year>-<seq> → seq */
const seqOf = (number: string) => Number(number.split('-')[2]);

beforeAll(async () => {
  claims = await startClaims(env());
  manager = claims.manager();
  client = claims.client(manager.id, 'Иван Клиентов');
});
afterAll(async () => {
  await claims?.stop();
});

describe('filing a claim (S1-03)', () => {
  it("about one of the client's own waybills: numbered, linked, with the client's manager (S1-01)", async () => {
    const waybill = claims.waybills.add(client.id, 'WB-2026-000123');
    const photo = claims.botGateway.photo();
    const claim = await claims.file(client, {
      waybillNumber: 'wb-2026-000123',
      email: 'ivan@example.com',
      description: 'Разбита посуда',
      amount: 1_500_050,
      files: [photo],
    });
    const year = new Date().getUTCFullYear();
    expect(claim).toMatchObject({
      number: expect.stringMatching(new RegExp(`^CL-${year}-\\d{6}$`)) as string,
      clientId: client.id,
      clientName: 'Иван Клиентов',
      managerId: manager.id,
      waybillNumber: 'WB-2026-000123',
      waybillId: waybill.id,
      email: 'ivan@example.com',
      amount: 1_500_050,
      currency: 'RUB',
      status: 'new',
      comment: null,
      history: [{ from: null, to: 'new', comment: null, byUserId: client.id }],
    });
    expect(claim.files).toEqual([{ ...photo, storageKey: null, copy: 'pending', copyFailure: null }]);
    const filed = await claims.run.tap.next('claim.filed', (data) => data.claimId === claim.id);
    expect(filed.data).toEqual({
      claimId: claim.id,
      number: claim.number,
      clientId: client.id,
      clientName: 'Иван Клиентов',
      managerId: manager.id,
      waybillNumber: 'WB-2026-000123',
      waybillFound: true,
      email: 'ivan@example.com',
      description: 'Разбита посуда',
      amount: 1_500_050,
      currency: 'RUB',
      files: [{ kind: 'photo', fileId: photo.fileId }],
    });
    expect(filed.partitionKey).toBe(`claim:${claim.id}`);
    expect(await claims.run.ask('claims.get', { claimId: claim.id })).toMatchObject({ id: claim.id });
  });

  it('about a waybill made outside the bot: kept as typed, flagged not found', async () => {
    const claim = await claims.file(client, { waybillNumber: '  ТК-55/12 ', currency: 'KZT' });
    expect(claim).toMatchObject({ waybillNumber: 'ТК-55/12', waybillId: null, currency: 'KZT' });
    const filed = await claims.run.tap.next('claim.filed', (data) => data.claimId === claim.id);
    expect(filed.data).toMatchObject({ waybillFound: false, waybillNumber: 'ТК-55/12' });
  });

  it("about another client's waybill: not_found, as if there were none, and no number is used", async () => {
    const other = claims.client(manager.id, 'Пётр Другой');
    claims.waybills.add(other.id, 'WB-2026-000777');
    const before = await claims.file(client);
    const refusal = await claims.run.refusal('claims.file', {
      clientId: client.id,
      requestId: 'wizard-other',
      waybillNumber: 'WB-2026-000777',
      email: 'ivan@example.com',
      description: 'Чужая накладная',
      amount: 100,
      files: [],
    });
    expect(refusal).toMatchObject({ code: 'not_found', message: 'no waybill WB-2026-000777 among yours' });
    expect(JSON.stringify(refusal)).not.toContain(other.id);
    const after = await claims.file(client);
    expect(seqOf(after.number)).toBe(seqOf(before.number) + 1);
    const listed = await claims.run.ask('claims.list', { clientId: client.id, q: 'WB-2026-000777' });
    expect(listed.total).toBe(0);
  });

  it('one filing is one claim, sent again or ten times at once', async () => {
    const requestId = 'wizard-run-42';
    const first = await claims.file(client, { requestId });
    const again = await claims.file(client, { requestId, description: 'the same confirm, tapped again' });
    expect(again).toEqual(first);
    const racing = await Promise.all(
      Array.from({ length: 10 }, () => claims.file(client, { requestId: 'wizard-run-43' })),
    );
    expect(new Set(racing.map((claim) => claim.id)).size).toBe(1);
    expect(await claims.run.outboxCount('claim.filed', { field: 'claimId', value: racing[0]!.id })).toBe(1);
    // The same requestId from another client is another filing.
    const someoneElse = claims.client(manager.id, 'Анна Третья');
    expect((await claims.file(someoneElse, { requestId })).id).not.toBe(first.id);
  });

  it('20 clients filing at once get 20 numbers without gaps or repeats', async () => {
    const filers = Array.from({ length: 20 }, (_, n) => claims.client(manager.id, `Клиент ${n}`));
    const filed = await Promise.all(filers.map((filer) => claims.file(filer)));
    const seqs = filed.map((claim) => seqOf(claim.number)).sort((a, b) => a - b);
    expect(new Set(seqs).size).toBe(20);
    expect(seqs.at(-1)! - seqs[0]!).toBe(19);
  });

  it('refuses an unknown or deactivated client, a non-client, a client filing for another, 11 files', async () => {
    const unknown = { id: '0194f1a2-7c3d-7abc-8def-0123456789ab' };
    expect((await claims.run.caller.failure('claims.file', fileOf(unknown))).code).toBe('not_found');
    const blocked = claims.identity.add({ role: 'client', name: 'Заблокирован', active: false });
    expect((await claims.run.caller.failure('claims.file', fileOf(blocked))).code).toBe('forbidden');
    expect((await claims.run.caller.failure('claims.file', fileOf(manager))).code).toBe('validation');
    const other = claims.client(manager.id, 'Сосед');
    const asOtherClient = { actor: { kind: 'user', userId: other.id, role: 'client' } as const };
    expect((await claims.run.caller.failure('claims.file', fileOf(client), asOtherClient)).code).toBe(
      'forbidden',
    );
    const files = Array.from({ length: 11 }, () => claims.botGateway.photo());
    const tooMany = await claims.run.caller.failure('claims.file', { ...fileOf(client), files });
    expect(tooMany.message).toMatch(/files/);
  });
});

function fileOf(person: Pick<User, 'id'>) {
  return {
    clientId: person.id,
    requestId: `refused-${person.id}-${Math.random()}`,
    waybillNumber: 'ТК-1',
    email: 'x@example.com',
    description: 'Повреждение',
    amount: 1,
    files: [],
  };
}
