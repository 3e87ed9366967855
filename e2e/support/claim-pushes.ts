// What a manager's chat shows of their clients' claims (S1-03): each claim's text push and the
// album of its photos, read in the order they arrived and judged against the claims filed.
import type { ChatEvent } from '@fieldgram/telegram-sandbox';

/** A claim as its manager should hear of it: its number and the photos its client sent. */
export interface FiledClaim {
  number: string;
  /** file_unique_ids of the client's photos (every size), to tell whose album an album is. */
  photoIds: ReadonlySet<string>;
  /** How many photos the client attached (the album's length; 0 = no album). */
  photos: number;
}

/** One push about a claim in a manager's chat, in arrival order. */
export type ClaimPush =
  | { kind: 'text'; number: string; events: [ChatEvent] }
  | { kind: 'album'; number: string | undefined; events: ChatEvent[] };

const CLAIM_NUMBER = /CL-\d{4}-\d{6,}/;

/**
 * The claim pushes among a manager's chat events: a text naming a claim number (waybill pushes
 * name none), and each album (photos sharing a media_group_id) attributed to the claim whose
 * client sent those photos.
 */
export function readClaimPushes(events: readonly ChatEvent[], claims: readonly FiledClaim[]): ClaimPush[] {
  const owner = new Map<string, string>();
  for (const claim of claims) for (const id of claim.photoIds) owner.set(id, claim.number);
  const pushes: ClaimPush[] = [];
  const albums = new Map<string, ClaimPush & { kind: 'album' }>();
  for (const event of events) {
    if (event.kind !== 'message' || !event.message) continue;
    const { photo, media_group_id: group, text } = event.message;
    if (photo) {
      const number = photo.map((size) => owner.get(size.file_unique_id)).find(Boolean);
      const key = group ?? `single:${event.seq}`;
      const album = albums.get(key);
      if (album) {
        album.events.push(event);
        album.number ??= number;
      } else {
        const created: ClaimPush & { kind: 'album' } = { kind: 'album', number, events: [event] };
        albums.set(key, created);
        pushes.push(created);
      }
      continue;
    }
    const number = text ? CLAIM_NUMBER.exec(text)?.[0] : undefined;
    if (number) pushes.push({ kind: 'text', number, events: [event] });
  }
  return pushes;
}

/** Counts against what was filed: every text and album once, in filing order (by number). */
export interface PushVerdict {
  texts: { expected: number; found: number; lost: number; doubled: number };
  albums: { expected: number; found: number; lost: number; doubled: number };
  /** Pushes that came out of the order text 1, album 1, text 2, album 2 … (by claim number). */
  outOfOrder: number;
  /**
   * Every mismatch in words, e.g. `Mila: CL-2026-000012 text — expected 1, found 2`: a push lost,
   * doubled, short of photos or of no claim filed here.
   */
  problems: string[];
  /**
   * The first push out of number order, per manager, in words. Claims filed at the same time may
   * come either way (their events are partitioned per claim and handled side by side), so this
   * is for the reader to judge, apart from `problems`.
   */
  numberOrder: string[];
  /**
   * Claims whose album did not come right after their own text (before it, or another claim's
   * push in between: the manager could take the photos for the other claim's), in words.
   */
  albumsApart: string[];
}

export function judgeClaimPushes(
  manager: string,
  filed: readonly FiledClaim[],
  pushes: readonly ClaimPush[],
): PushVerdict {
  const verdict: PushVerdict = {
    texts: { expected: 0, found: 0, lost: 0, doubled: 0 },
    albums: { expected: 0, found: 0, lost: 0, doubled: 0 },
    outOfOrder: 0,
    problems: [],
    numberOrder: [],
    albumsApart: [],
  };
  const ordered = [...filed].sort((a, b) => a.number.localeCompare(b.number));
  const count = (kind: ClaimPush['kind'], number: string) =>
    pushes.filter((push) => push.kind === kind && push.number === number).length;
  const tally = (tallied: PushVerdict['texts'], what: string, expected: number, found: number) => {
    tallied.expected += expected;
    tallied.found += found;
    tallied.lost += Math.max(0, expected - found);
    tallied.doubled += Math.max(0, found - expected);
    if (found !== expected)
      verdict.problems.push(`${manager}: ${what} — expected ${expected}, found ${found}`);
  };
  for (const claim of ordered) {
    tally(verdict.texts, `${claim.number} text`, 1, count('text', claim.number));
    const albums = pushes.filter((push) => push.kind === 'album' && push.number === claim.number);
    tally(verdict.albums, `${claim.number} album`, claim.photos > 0 ? 1 : 0, albums.length);
    for (const album of albums)
      if (album.events.length !== claim.photos)
        verdict.problems.push(
          `${manager}: ${claim.number} album of ${album.events.length} photos, ${claim.photos} sent`,
        );
  }
  const known = new Set(ordered.map((claim) => claim.number));
  for (const push of pushes)
    if (push.number === undefined || !known.has(push.number))
      verdict.problems.push(`${manager}: a ${push.kind} push of no claim filed here (${push.number ?? '?'})`);

  // The order: each claim's text then its album, claims by number. Losses and doubles are counted
  // above; the order is judged on the first arrival of each push that came.
  const key = (kind: string, number: string | undefined) => `${kind} ${number ?? '?'}`;
  const arrived = [...new Set(pushes.map((push) => key(push.kind, push.number)))];
  const came = new Set(arrived);
  const expected = ordered
    .flatMap((claim) => [
      key('text', claim.number),
      ...(claim.photos > 0 ? [key('album', claim.number)] : []),
    ])
    .filter((push) => came.has(push));
  const found = arrived.filter((push) => expected.includes(push));
  for (const [i, push] of found.entries()) {
    if (push === expected[i]) continue;
    verdict.outOfOrder += 1;
    if (verdict.outOfOrder === 1)
      verdict.numberOrder.push(
        `${manager}: push ${i + 1} is ${push}, expected ${expected[i]} ` +
          `(arrived: ${found.slice(Math.max(0, i - 2), i + 3).join(', ')})`,
      );
  }
  for (const claim of ordered) {
    const text = arrived.indexOf(key('text', claim.number));
    const album = arrived.indexOf(key('album', claim.number));
    if (text >= 0 && album >= 0 && album !== text + 1)
      verdict.albumsApart.push(
        `${manager}: ${claim.number} album ${album < text ? 'before its text' : `after ${arrived[album - 1]}`}`,
      );
  }
  return verdict;
}

/** Several managers' verdicts as one. */
export function mergePushVerdicts(verdicts: readonly PushVerdict[]): PushVerdict {
  const sum = (pick: (v: PushVerdict) => PushVerdict['texts']) => ({
    expected: verdicts.reduce((n, v) => n + pick(v).expected, 0),
    found: verdicts.reduce((n, v) => n + pick(v).found, 0),
    lost: verdicts.reduce((n, v) => n + pick(v).lost, 0),
    doubled: verdicts.reduce((n, v) => n + pick(v).doubled, 0),
  });
  return {
    texts: sum((v) => v.texts),
    albums: sum((v) => v.albums),
    outOfOrder: verdicts.reduce((n, v) => n + v.outOfOrder, 0),
    problems: verdicts.flatMap((v) => v.problems),
    numberOrder: verdicts.flatMap((v) => v.numberOrder),
    albumsApart: verdicts.flatMap((v) => v.albumsApart),
  };
}
