import { t, type TextKey } from '../text/catalog.js';
import type { Lang } from '../text/lang.js';

/** What a technician's offer shows (S0-07): never client data. */
export interface OfferDetails {
  number: number;
  title: string;
  /** Absent on events written before they carried the offer's details: then only the title is known. */
  area?: string | undefined;
  scheduledAt?: string | null | undefined;
  description?: string | null | undefined;
}

/** How an offer ended, as its edited message says under the details. */
export type OfferOutcome = 'accepted' | 'rejected' | 'cancelled' | 'reassigned';

const OUTCOME_TEXT = {
  accepted: 'task.offer.status.accepted',
  rejected: 'task.offer.status.rejected',
  cancelled: 'task.offer.status.cancelled',
  reassigned: 'task.offer.status.reassigned',
} as const satisfies Record<OfferOutcome, TextKey>;

/** `2026-11-21T14:00:00Z` → `2026-11-21 14:00 UTC` (the organization's time zone is not configured yet). */
export function formatWhen(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** The offer's details: title, area, time and description — the same lines before and after an answer. */
export function offerBody(lang: Lang, offer: OfferDetails): string[] {
  const title = t(lang, 'task.offer.title', { number: offer.number, title: offer.title });
  if (offer.area === undefined) return [title];
  const description = offer.description?.trim();
  return [
    title,
    t(lang, 'task.offer.area', { area: offer.area }),
    offer.scheduledAt
      ? t(lang, 'task.offer.when', { when: formatWhen(offer.scheduledAt) })
      : t(lang, 'task.offer.whenOpen'),
    ...(description ? ['', description] : []),
  ];
}

/** The offer as sent: its details and the question its Accept / Reject buttons answer. */
export function offerText(lang: Lang, offer: OfferDetails): string {
  return [...offerBody(lang, offer), '', t(lang, 'task.offer.question')].join('\n');
}

/** The offer once it is answered or void: the same details, and how it ended instead of the question. */
export function settledOfferText(lang: Lang, offer: OfferDetails, outcome: OfferOutcome): string {
  return [...offerBody(lang, offer), '', t(lang, OUTCOME_TEXT[outcome])].join('\n');
}
