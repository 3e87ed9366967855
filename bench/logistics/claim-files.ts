import type { ApiClient } from '@fieldgram/testkit/env';

/**
 * How many files the claims service recorded on the claim numbered `number` (REST, as the admin
 * sees it): to tell a photo the claim never got from one its push left out.
 */
export async function recordedFileCount(admin: ApiClient, number: string): Promise<number> {
  const list = await admin.call('GET', `/claims?q=${encodeURIComponent(number)}`);
  if (list.status !== 200) throw new Error(`GET /claims?q=${number}: ${list.status}`);
  const found = (list.body as { items: { id: string; number: string }[] }).items.find(
    (claim) => claim.number === number,
  );
  if (!found) throw new Error(`${number} is not in GET /claims`);
  const claim = await admin.call('GET', `/claims/${found.id}`);
  if (claim.status !== 200) throw new Error(`GET /claims/${found.id}: ${claim.status}`);
  return (claim.body as { files: unknown[] }).files.length;
}
