import { callbackNamespace } from '../callback/callback-codec.js';
import { callbackButton, chunk, inlineKeyboard } from '../keyboards/inline.js';
import type { InlineKeyboardButton, InlineKeyboardMarkup } from '../keyboards/markup.js';
import { t } from '../text/catalog.js';
import type { Lang } from '../text/lang.js';

/**
 * The manager's claim buttons (S1-06): `cl:open:<claimId>:<page>` (the page it was listed on, for
 * the way back), `cl:filter:<filter>` (the list from
 * page 1, the search kept), `cl:clear:<filter>` (the search dropped), `cl:review|resolve|reject:
 * <claimId>` (then the comment), `cl:cancel:<claimId>` (no comment after all). The data names a
 * claim only; whether the presser may see or move it, the claims service decides.
 */
export const CLAIM_BUTTONS = callbackNamespace('cl', [
  'open',
  'filter',
  'clear',
  'review',
  'resolve',
  'reject',
  'cancel',
]);
export type ClaimButtonAction = 'open' | 'filter' | 'clear' | 'review' | 'resolve' | 'reject' | 'cancel';

/** The pager's list name of the manager's claims (`pg:claims:<page>:<filter>`). */
export const CLAIMS_LIST = 'claims';

/** The list's filters: every claim, or those of one status. */
export const CLAIM_FILTERS = ['all', 'new', 'in_review', 'resolved', 'rejected'] as const;
export type ClaimFilter = (typeof CLAIM_FILTERS)[number];

export function isClaimFilter(value: unknown): value is ClaimFilter {
  return typeof value === 'string' && (CLAIM_FILTERS as readonly string[]).includes(value);
}

/** The moves a manager's button asks for, with the status each leads to. */
export const CLAIM_MOVES = { review: 'in_review', resolve: 'resolved', reject: 'rejected' } as const;
export type ClaimMove = keyof typeof CLAIM_MOVES;

/**
 * A page of the manager's claims: one button a claim, the pager row, the filters (the chosen one
 * marked), and Clear the search when there is one.
 */
export function claimListKeyboard(
  lang: Lang,
  list: {
    items: readonly { id: string; label: string }[];
    page: number;
    filter: ClaimFilter;
    searching: boolean;
    pager: readonly InlineKeyboardButton[];
  },
): InlineKeyboardMarkup {
  const filters = CLAIM_FILTERS.map((filter) => {
    const label = t(lang, `claim.filter.${filter}`);
    return callbackButton(
      filter === list.filter ? `• ${label}` : label,
      CLAIM_BUTTONS.encode('filter', filter),
    );
  });
  return inlineKeyboard([
    ...list.items.map((item) => [
      callbackButton(item.label, CLAIM_BUTTONS.encode('open', item.id, list.page)),
    ]),
    list.pager,
    ...chunk(filters, 3),
    list.searching
      ? [callbackButton(t(lang, 'claim.button.clearSearch'), CLAIM_BUTTONS.encode('clear', list.filter))]
      : [],
  ]);
}

/** Under a claim's card: the moves its status allows, and the way back to the list. */
export function claimCardKeyboard(
  lang: Lang,
  claimId: string,
  moves: readonly ClaimMove[],
  back: InlineKeyboardButton,
): InlineKeyboardMarkup {
  return inlineKeyboard([
    moves.map((move) => callbackButton(t(lang, `claim.button.${move}`), CLAIM_BUTTONS.encode(move, claimId))),
    [back],
  ]);
}

/** Under the comment question: Cancel (the claim stays as it is). */
export function claimCommentKeyboard(lang: Lang, claimId: string): InlineKeyboardMarkup {
  return inlineKeyboard([
    [callbackButton(t(lang, 'claim.button.cancel'), CLAIM_BUTTONS.encode('cancel', claimId))],
  ]);
}
