import { isClaimFilter, type ClaimFilter } from '@fieldgram/bot-ui';
import type { PromptState, Session } from '../../session/session-store.js';

/**
 * While a manager's claims list is open, the chat waits on this prompt: the next text is a
 * search (a claim number, a waybill number, a client's name). It keeps the list's filter and
 * search, which callback data cannot carry (a name in Cyrillic, up to 100 characters).
 */
export const SEARCH_PROMPT = 'claims-search';
/** The comment a status change waits for; it keeps the list's filter and search to go back to. */
export const COMMENT_PROMPT = 'claim-comment';

/** The list as the manager last saw it. */
export interface ListState {
  filter: ClaimFilter;
  q?: string;
}

const SEARCH_MAX = 100;

/** The list state kept in the chat's prompt (the search's, or the comment's); by default all claims. */
export function listStateOf(session: Pick<Session, 'prompt'>): ListState {
  const prompt = session.prompt;
  const kept = prompt?.name === SEARCH_PROMPT || prompt?.name === COMMENT_PROMPT ? prompt.data : {};
  const filter = isClaimFilter(kept.filter) ? kept.filter : 'all';
  const q = typeof kept.q === 'string' && kept.q.trim() !== '' ? kept.q : undefined;
  return q ? { filter, q } : { filter };
}

/** The prompt that keeps the list open (its next text searches it). */
export function searchPrompt(state: ListState): PromptState {
  return { name: SEARCH_PROMPT, data: { ...state } };
}

/** A search as typed: one line of up to 100 characters; none if empty. */
export function searchOf(text: string): string | undefined {
  const q = text.trim().replace(/\s+/g, ' ').slice(0, SEARCH_MAX);
  return q === '' ? undefined : q;
}
