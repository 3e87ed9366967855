// Deciding claims (issue 13, S1-06): the claim's manager or an admin takes it into review and
// resolves or rejects it with a comment; another manager cannot; a decided claim stays decided.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '@fieldgram/contracts';
import { useTestEnv } from '@fieldgram/testkit';
import { ADMIN, asManager, startClaims, type ClaimsRun } from './support/harness.js';

const env = useTestEnv('claims-status');
let claims: ClaimsRun;
let manager: User;
let otherManager: User;
let client: User;

beforeAll(async () => {
  claims = await startClaims(env());
  manager = claims.manager('Марина Менеджер');
  otherManager = claims.manager('Олег Чужой');
  client = claims.client(manager.id);
});
afterAll(async () => {
  await claims?.stop();
});

describe('changing a claim’s status (S1-06)', () => {
  it('its manager: new → in review → resolved, each with a comment, the history and an event', async () => {
    const claim = await claims.file(client);
    const reviewing = await claims.run.ask(
      'claims.change-status',
      { claimId: claim.id, status: 'in_review', comment: 'Запросили акт у перевозчика' },
      asManager(manager.id),
    );
    expect(reviewing).toMatchObject({ status: 'in_review', comment: 'Запросили акт у перевозчика' });
    const resolved = await claims.run.ask(
      'claims.change-status',
      { claimId: claim.id, status: 'resolved', comment: 'Возместим 15 000,50 ₽ до пятницы' },
      asManager(manager.id),
    );
    expect(resolved.status).toBe('resolved');
    expect(
      resolved.history.map(({ from, to, comment, byUserId }) => ({ from, to, comment, byUserId })),
    ).toEqual([
      { from: null, to: 'new', comment: null, byUserId: client.id },
      { from: 'new', to: 'in_review', comment: 'Запросили акт у перевозчика', byUserId: manager.id },
      {
        from: 'in_review',
        to: 'resolved',
        comment: 'Возместим 15 000,50 ₽ до пятницы',
        byUserId: manager.id,
      },
    ]);
    const changed = await claims.run.tap.next(
      'claim.status-changed',
      (data) => data.claimId === claim.id && data.to === 'resolved',
    );
    expect(changed.data).toMatchObject({
      number: claim.number,
      clientId: client.id,
      managerId: manager.id,
      from: 'in_review',
      to: 'resolved',
      comment: 'Возместим 15 000,50 ₽ до пятницы',
      byUserId: manager.id,
    });
    expect(changed.actor).toEqual(asManager(manager.id).actor);
    expect(claims.run.tap.typesFor(claim.id)).toEqual([
      'claim.filed',
      'claim.status-changed',
      'claim.status-changed',
    ]);
  });

  it('an admin may reject a new claim at once', async () => {
    const claim = await claims.file(client);
    const rejected = await claims.run.ask(
      'claims.change-status',
      { claimId: claim.id, status: 'rejected', comment: 'Груз застрахован не был' },
      ADMIN,
    );
    expect(rejected).toMatchObject({ status: 'rejected', comment: 'Груз застрахован не был' });
  });

  it('another manager, the client or the system: forbidden, nothing changes', async () => {
    const claim = await claims.file(client);
    const change = { claimId: claim.id, status: 'in_review', comment: 'Беру' } as const;
    expect(
      await claims.run.refusal('claims.change-status', change, asManager(otherManager.id)),
    ).toMatchObject({
      code: 'forbidden',
    });
    const asClient = { actor: { kind: 'user', userId: client.id, role: 'client' } as const };
    expect((await claims.run.refusal('claims.change-status', change, asClient)).code).toBe('forbidden');
    expect(
      (await claims.run.refusal('claims.change-status', change, { actor: { kind: 'system' } })).code,
    ).toBe('forbidden');
    expect(await claims.run.ask('claims.get', { claimId: claim.id })).toMatchObject({ status: 'new' });
  });

  it('a decided claim cannot change: conflict saying why', async () => {
    const claim = await claims.file(client);
    const decide = (status: 'resolved' | 'rejected' | 'in_review') =>
      ({ claimId: claim.id, status, comment: 'Решение' }) as const;
    await claims.run.ask('claims.change-status', decide('resolved'), asManager(manager.id));
    for (const status of ['rejected', 'in_review', 'resolved'] as const) {
      const refusal = await claims.run.refusal('claims.change-status', decide(status), ADMIN);
      expect(refusal).toMatchObject({
        code: 'conflict',
        message: 'the claim is already resolved: a decided claim does not change',
      });
    }
    expect(await claims.run.outboxCount('claim.status-changed', { field: 'claimId', value: claim.id })).toBe(
      1,
    );
  });

  it('an unknown claim, a missing comment', async () => {
    const unknown = await claims.run.refusal('claims.change-status', {
      claimId: '0194f1a2-7c3d-7abc-8def-0123456789ab',
      status: 'resolved',
      comment: 'Да',
    });
    expect(unknown.code).toBe('not_found');
    expect((await claims.run.refusal('claims.get', { claimId: 'not-a-uuid' })).code).toBe('not_found');
    const claim = await claims.file(client);
    const blank = await claims.run.caller.failure('claims.change-status', {
      claimId: claim.id,
      status: 'resolved',
      comment: '   ',
    });
    expect(blank.message).toMatch(/comment/);
  });
});
