// A claim's photos and scans into object storage (issue 13, S1-03): answered at once, copied
// afterwards through bot-gateway (a fake here; the real command against the sandbox is
// bot-gateway's test), retried, recorded once; over 20 MB kept by its Telegram file_id only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Claim, DataInput, Messages, User } from '@fieldgram/contracts';
import { sleep, useTestEnv, waitFor } from '@fieldgram/testkit';
import { startClaims, type ClaimsRun } from './support/harness.js';

const env = useTestEnv('claims-copies');
const MB = 1024 * 1024;
let claims: ClaimsRun;
let client: User;

beforeAll(async () => {
  claims = await startClaims(env());
  client = claims.client(claims.manager().id);
});
afterAll(async () => {
  await claims?.stop();
});

/** The claim once none of its files waits for a copy. */
function copiesSettled(claimId: string): Promise<Claim> {
  return waitFor(
    async () => {
      const claim = await claims.run.ask('claims.get', { claimId });
      return claim.files.every((file) => file.copy !== 'pending') && claim;
    },
    { message: 'every file copied or refused', timeoutMs: 15_000 },
  );
}

describe('the files of a claim (S1-03)', () => {
  it('an album and a scan: kept by file_id at once, then copied byte for byte, each with claim.file-stored', async () => {
    const photos = [claims.botGateway.photo(), claims.botGateway.photo(), claims.botGateway.photo()];
    const scanBytes = Buffer.alloc(2 * MB, 3);
    const scan = claims.botGateway.document(scanBytes, 'Акт.pdf');
    const claim = await claims.file(client, { files: [...photos, scan, photos[0]!] });
    // Answered before any copy: the same photo twice is one file.
    expect(claim.files.map((file) => [file.fileId, file.copy])).toEqual(
      [...photos, scan].map((file) => [file.fileId, 'pending']),
    );
    const settled = await copiesSettled(claim.id);
    expect(settled.files.map((file) => file.storageKey)).toEqual([
      `claims/${claim.number}/1-${photos[0]!.fileUniqueId}.jpg`,
      `claims/${claim.number}/2-${photos[1]!.fileUniqueId}.jpg`,
      `claims/${claim.number}/3-${photos[2]!.fileUniqueId}.jpg`,
      `claims/${claim.number}/4-${scan.fileUniqueId}.pdf`,
    ]);
    expect(settled.files.every((file) => file.copy === 'copied' && file.copyFailure === null)).toBe(true);
    const stored = await claims.botGateway.storage.get(settled.files[3]!.storageKey!);
    expect(stored?.contentType).toBe('application/pdf');
    expect(stored?.bytes.equals(scanBytes)).toBe(true);
    expect((await claims.botGateway.storage.get(settled.files[0]!.storageKey!))?.contentType).toBe(
      'image/jpeg',
    );
    const events = claims.run.tap.ofType('claim.file-stored', (data) => data.claimId === claim.id);
    expect(events.map((event) => event.data.fileUniqueId)).toEqual(
      [...photos, scan].map((file) => file.fileUniqueId),
    );
    expect(claims.run.tap.typesFor(claim.id)[0]).toBe('claim.filed');
  });

  it('a 25 MB document: Telegram keeps it, the claim keeps it by file_id, flagged too_big', async () => {
    const big = claims.botGateway.document(Buffer.alloc(25 * MB, 1), 'Видео-осмотр.pdf');
    const photo = claims.botGateway.photo();
    const claim = await claims.file(client, { files: [big, photo] });
    const settled = await copiesSettled(claim.id);
    expect(settled.files[0]).toMatchObject({
      fileId: big.fileId,
      fileSize: 25 * MB,
      storageKey: null,
      copy: 'not_copied',
      copyFailure: 'too_big',
    });
    expect(settled.files[1]).toMatchObject({ copy: 'copied' });
    const event = await claims.run.tap.next(
      'claim.file-stored',
      (data) => data.fileUniqueId === big.fileUniqueId,
    );
    expect(event.data).toEqual({
      claimId: claim.id,
      fileUniqueId: big.fileUniqueId,
      storageKey: null,
      reason: 'too_big',
    });
  });

  it('bot-gateway down when the claim is filed: the claim answers at once, the copies follow once it is back', async () => {
    claims.botGateway.down = true;
    const photo = claims.botGateway.photo();
    const startedAt = Date.now();
    const claim = await claims.file(client, { files: [photo] });
    expect(Date.now() - startedAt).toBeLessThan(3_000);
    await waitFor(() => claims.botGateway.asked.filter((ask) => ask.fileId === photo.fileId).length >= 2, {
      message: 'the copy tried while bot-gateway is down',
    });
    expect((await claims.run.ask('claims.get', { claimId: claim.id })).files[0]?.copy).toBe('pending');
    claims.botGateway.down = false;
    expect((await copiesSettled(claim.id)).files[0]?.copy).toBe('copied');
  });

  it('a copy that fails is retried; a claim.filed seen again copies nothing twice', async () => {
    claims.botGateway.failNext(2);
    const photo = claims.botGateway.photo();
    const claim = await claims.file(client, { files: [photo] });
    const settled = await copiesSettled(claim.id);
    expect(settled.files[0]?.copy).toBe('copied');
    expect(claims.botGateway.asked.filter((ask) => ask.fileId === photo.fileId)).toHaveLength(3);

    const filed = claims.run.tap.ofType('claim.filed', (data) => data.claimId === claim.id)[0]!;
    await claims.publish('claim.filed', filed.data as DataInput<Messages, 'claim.filed'>);
    await sleep(500);
    expect(claims.botGateway.asked.filter((ask) => ask.fileId === photo.fileId)).toHaveLength(3);
    expect(await claims.run.outboxCount('claim.file-stored', { field: 'claimId', value: claim.id })).toBe(1);
  });
});
