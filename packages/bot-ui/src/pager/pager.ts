import { callbackButton } from '../keyboards/inline.js';
import type { InlineKeyboardButton } from '../keyboards/markup.js';
import { t } from '../text/catalog.js';
import type { Lang } from '../text/lang.js';

/** Long lists page 10 at a time (DESIGN §5). */
export const PAGE_SIZE = 10;

export interface PageWindow {
  /** 1-based, clamped into 1…pageCount. */
  page: number;
  /** At least 1, so an empty list has one (empty) page. */
  pageCount: number;
  total: number;
  pageSize: number;
  /** Index of the page's first item in the whole list (SQL `offset`). */
  offset: number;
  hasPrev: boolean;
  hasNext: boolean;
}

export interface Page<T> extends PageWindow {
  items: T[];
}

/** Where page `page` of a list of `total` items lies; for lists paged by the data source. */
export function pageWindow(total: number, page: number, pageSize = PAGE_SIZE): PageWindow {
  const size = Math.max(1, Math.floor(pageSize));
  const count = Math.max(0, Math.floor(total));
  const pageCount = Math.max(1, Math.ceil(count / size));
  const current = Math.min(pageCount, Math.max(1, Number.isFinite(page) ? Math.floor(page) : 1));
  return {
    page: current,
    pageCount,
    total: count,
    pageSize: size,
    offset: (current - 1) * size,
    hasPrev: current > 1,
    hasNext: current < pageCount,
  };
}

/** Page `page` of a list held in memory. */
export function paginate<T>(items: readonly T[], page: number, pageSize = PAGE_SIZE): Page<T> {
  const window = pageWindow(items.length, page, pageSize);
  return { ...window, items: items.slice(window.offset, window.offset + window.pageSize) };
}

/** The callback namespace of pager buttons: `pg:<list>:<page>[:<arg>]`; `pg:noop:<page>` for the position. */
export const PAGER_NS = 'pg';
export const PAGER_NOOP = 'noop';

/**
 * The row under a paged list: ‹ Back · 2/5 · Next ›. `list` names the list (a short name) and
 * comes back as the callback's action, with the page asked for as its id and `arg` (e.g. a
 * search) unchanged. No row for a single page.
 */
export function pagerRow(
  lang: Lang,
  window: Pick<PageWindow, 'page' | 'pageCount' | 'hasPrev' | 'hasNext'>,
  list: string,
  arg?: string,
): InlineKeyboardButton[] {
  if (window.pageCount <= 1) return [];
  const to = (page: number) =>
    callbackButton(label(lang, page, window), {
      ns: PAGER_NS,
      action: list,
      id: String(page),
      ...(arg !== undefined ? { arg } : {}),
    });
  return [
    ...(window.hasPrev ? [to(window.page - 1)] : []),
    callbackButton(t(lang, 'pager.position', { page: window.page, pages: window.pageCount }), {
      ns: PAGER_NS,
      action: PAGER_NOOP,
      id: String(window.page),
    }),
    ...(window.hasNext ? [to(window.page + 1)] : []),
  ];
}

function label(lang: Lang, target: number, window: Pick<PageWindow, 'page'>): string {
  return target < window.page ? t(lang, 'pager.prev') : t(lang, 'pager.next');
}
