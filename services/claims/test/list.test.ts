// A manager's claims (issue 13, S1-06): all claims of their ~300 clients, newest first, 10 a page,
// filtered by status and client, searched by claim number, waybill number or client name.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Claim, DataInput, Messages, User } from '@fieldgram/contracts';
import { useTestEnv } from '@fieldgram/testkit';
import { asManager, startClaims, type ClaimsRun } from './support/harness.js';

const env = useTestEnv('claims-list');
let claims: ClaimsRun;
let manager: User;
let other: User;
/** One claim per client of `manager`, in filing order. */
let filed: Claim[] = [];
let othersClaims: Claim[] = [];

/** Files one claim for each client, `batch` at a time, in order of the list. */
async function fileForEach(clients: User[], batch = 20): Promise<Claim[]> {
  const claimsFiled: Claim[] = [];
  for (let start = 0; start < clients.length; start += batch)
    claimsFiled.push(
      ...(await Promise.all(clients.slice(start, start + batch).map((client) => claims.file(client)))),
    );
  return claimsFiled;
}

beforeAll(async () => {
  claims = await startClaims(env());
  manager = claims.manager('Марина Менеджер');
  other = claims.manager('Олег Другой');
  const clients = Array.from({ length: 300 }, (_, n) =>
    claims.client(manager.id, n === 137 ? 'Агата Вишневская' : `Клиент №${n}`),
  );
  filed = await fileForEach(clients);
  othersClaims = await fileForEach(
    Array.from({ length: 5 }, (_, n) => claims.client(other.id, `Чужой клиент ${n}`)),
  );
}, 120_000);
afterAll(async () => {
  await claims?.stop();
});

const list = (filter: DataInput<Messages, 'claims.list'>) => claims.run.ask('claims.list', filter);
const idsOf = (page: { items: { id: string }[] }) => page.items.map((item) => item.id).sort();

describe("a manager's claims (S1-06)", () => {
  it('300 clients, 10 a page: every claim once, newest first, 30 pages', async () => {
    const seen: string[] = [];
    let previous = Infinity;
    for (let page = 1; page <= 30; page++) {
      const answer = await list({ managerId: manager.id, page, pageSize: 10 });
      expect(answer).toMatchObject({ total: 300, page, pageSize: 10 });
      expect(answer.items).toHaveLength(10);
      for (const item of answer.items) {
        const at = Date.parse(item.createdAt);
        expect(at).toBeLessThanOrEqual(previous);
        previous = at;
        expect(item.managerId).toBe(manager.id);
        seen.push(item.id);
      }
    }
    expect(new Set(seen).size).toBe(300);
    expect(new Set(seen)).toEqual(new Set(filed.map((claim) => claim.id)));
    expect((await list({ managerId: manager.id, page: 31, pageSize: 10 })).items).toEqual([]);
    const othersPage = await list({ managerId: other.id });
    expect(idsOf(othersPage)).toEqual(othersClaims.map((claim) => claim.id).sort());
    expect((await list({})).total).toBe(305);
  });

  it('by status and by client', async () => {
    const [a, b, c] = filed;
    for (const [claim, status] of [
      [a!, 'in_review'],
      [b!, 'in_review'],
      [c!, 'rejected'],
    ] as const)
      await claims.run.ask(
        'claims.change-status',
        { claimId: claim.id, status, comment: 'Рассмотрено' },
        asManager(manager.id),
      );
    const reviewing = await list({ managerId: manager.id, status: 'in_review' });
    expect(idsOf(reviewing)).toEqual([a!.id, b!.id].sort());
    expect((await list({ managerId: manager.id, status: 'rejected' })).items.map((i) => i.id)).toEqual([
      c!.id,
    ]);
    expect((await list({ managerId: manager.id, status: 'new' })).total).toBe(297);
    expect((await list({ clientId: a!.clientId })).items.map((item) => item.id)).toEqual([a!.id]);
    expect((await list({ clientId: a!.clientId, managerId: other.id })).total).toBe(0);
  });

  it('search by claim number, waybill number or client name, case aside', async () => {
    const target = filed[137]!;
    expect((await list({ managerId: manager.id, q: target.number })).items.map((i) => i.id)).toEqual([
      target.id,
    ]);
    expect((await list({ q: `#${target.number.toLowerCase().replace(/-/g, ' ')}` })).items[0]?.id).toBe(
      target.id,
    );
    const byName = await list({ managerId: manager.id, q: 'вишневская' });
    expect(byName.items.map((item) => item.id)).toEqual([target.id]);
    expect(byName.items[0]).toMatchObject({ clientName: 'Агата Вишневская', fileCount: 0 });
    // Another manager's list does not find it.
    expect((await list({ managerId: other.id, q: 'Вишневская' })).total).toBe(0);

    const client = claims.client(manager.id, 'Семён Накладной');
    const waybill = claims.waybills.add(client.id, 'WB-2026-004242');
    const byWaybill = await claims.file(client, { waybillNumber: waybill.number });
    expect((await list({ managerId: manager.id, q: 'wb-2026-004242' })).items.map((i) => i.id)).toEqual([
      byWaybill.id,
    ]);
    // % and _ typed by a person are characters, not wildcards.
    expect((await list({ q: '%' })).total).toBe(0);
    // №1, №10-19, №100-199 but for №137, who is Агата.
    expect((await list({ q: 'Клиент №1', managerId: manager.id, pageSize: 100 })).total).toBe(110);
  });
});
