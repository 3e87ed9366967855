import {
  CLAIMS_LIST,
  PAGER_NS,
  PAGE_SIZE,
  callbackButton,
  claimCardKeyboard,
  claimCommentKeyboard,
  claimListKeyboard,
  chunk,
  formatDocumentDate,
  formatMoney,
  pageWindow,
  pagerRow,
  t,
  type ClaimMove,
  type Lang,
} from '@fieldgram/bot-ui';
import type { Claim, ClaimStatus, ClaimSummary } from '@fieldgram/contracts';
import { shortened } from '../../views/shortened.js';
import type { Outgoing, SentFile } from '../../core/outgoing.js';
import { refusalTexts } from '../service-answer.js';
import type { ListState } from './list-state.js';

/** Where each status may go (`new → in_review → resolved | rejected`), as the manager's buttons. */
const MOVES: Record<ClaimStatus, readonly ClaimMove[]> = {
  new: ['review'],
  in_review: ['resolve', 'reject'],
  resolved: [],
  rejected: [],
};

export function movesFrom(status: ClaimStatus): readonly ClaimMove[] {
  return MOVES[status];
}

export const statusText = (status: ClaimStatus, lang: Lang) => t(lang, `claim.status.${status}`);

const NAME_ON_BUTTON = 20;

/**
 * A page of the manager's claims (S1-06): the filter and the count, the search if any, the hint
 * to type one; a button a claim (number · status · client · amount), the pager, the filters.
 */
export function claimListReply(
  list: { items: readonly ClaimSummary[]; total: number; page: number },
  state: ListState,
  lang: Lang,
): Outgoing {
  const window = pageWindow(list.total, list.page, PAGE_SIZE);
  const lines = [
    t(lang, 'claim.list.title', { filter: t(lang, `claim.filter.${state.filter}`), total: list.total }),
    ...(state.q ? [t(lang, 'claim.list.search', { q: state.q })] : []),
    ...(list.total === 0 ? [t(lang, 'claim.list.empty')] : []),
    t(lang, 'claim.list.hint'),
  ];
  const items = list.items.map((claim) => ({
    id: claim.id,
    label: t(lang, 'claim.list.item', {
      number: claim.number,
      status: statusText(claim.status, lang),
      client: shortened(claim.clientName, NAME_ON_BUTTON),
      amount: formatMoney(claim.amount, claim.currency, lang),
    }),
  }));
  return {
    kind: 'message',
    text: lines.join('\n'),
    markup: claimListKeyboard(lang, {
      items,
      page: window.page,
      filter: state.filter,
      searching: state.q !== undefined,
      pager: pagerRow(lang, window, CLAIMS_LIST, state.filter),
    }),
  };
}

/**
 * A claim's card: every field (the waybill flagged when it is none of the client's), its last
 * comment and its history; the moves its status allows, and the way back to the list page.
 */
export function claimCardReply(claim: Claim, back: { page: number; state: ListState }, lang: Lang): Outgoing {
  const lines = [
    t(lang, 'claim.card.title', {
      number: claim.number,
      date: formatDocumentDate(claim.createdAt, lang),
      status: statusText(claim.status, lang),
    }),
    t(lang, 'claim.card.client', { name: claim.clientName }),
    claim.waybillId === null
      ? t(lang, 'claim.card.waybillNotFound', { number: claim.waybillNumber })
      : t(lang, 'claim.card.waybill', { number: claim.waybillNumber }),
    t(lang, 'claim.card.email', { email: claim.email }),
    t(lang, 'claim.card.amount', { amount: formatMoney(claim.amount, claim.currency, lang) }),
    t(lang, 'claim.card.description', { description: claim.description }),
    t(lang, 'claim.card.files', { count: claim.files.length }),
    ...(claim.comment ? [t(lang, 'claim.card.comment', { comment: claim.comment })] : []),
    t(lang, 'claim.card.history'),
    ...claim.history.map((entry) => {
      const date = formatDocumentDate(entry.at, lang);
      const status = statusText(entry.to, lang);
      return entry.comment
        ? t(lang, 'claim.card.historyComment', { date, status, comment: entry.comment })
        : t(lang, 'claim.card.historyItem', { date, status });
    }),
  ];
  const toList = callbackButton(t(lang, 'claim.button.list'), {
    ns: PAGER_NS,
    action: CLAIMS_LIST,
    id: String(back.page),
    arg: back.state.filter,
  });
  return {
    kind: 'message',
    text: lines.join('\n'),
    markup: claimCardKeyboard(lang, claim.id, movesFrom(claim.status), toList),
  };
}

/** The claim's files sent again: photos as albums, documents as albums (Telegram keeps them apart), 10 each. */
export function claimFilesReplies(
  files: readonly Pick<Claim['files'][number], 'kind' | 'fileId'>[],
): Outgoing[] {
  const of = (type: SentFile['type']): SentFile[] =>
    files.filter((file) => file.kind === type).map((file) => ({ type, fileId: file.fileId }));
  return [...chunk(of('photo'), 10), ...chunk(of('document'), 10)].map((group) => ({
    kind: 'files',
    files: group,
  }));
}

/** The question a status change waits on, with Cancel. */
export function commentQuestion(claim: Pick<Claim, 'id' | 'number'>, to: ClaimStatus, lang: Lang): Outgoing {
  return {
    kind: 'message',
    text: t(lang, 'claim.comment.ask', { number: claim.number, status: statusText(to, lang) }),
    markup: claimCommentKeyboard(lang, claim.id),
  };
}

/** A claim press or comment the claims service refused (a move it no longer allows reads as conflict). */
export const refusalText = refusalTexts({
  conflict: 'claim.refused.conflict',
  forbidden: 'claim.refused.forbidden',
  not_found: 'claim.refused.notFound',
  invalid: 'claim.refused.conflict',
});
