import { describe, expect, it } from 'vitest';
import { parseCallback } from '../callback/callback-codec.js';
import { PAGE_SIZE, pageWindow, paginate, pagerRow } from './pager.js';

describe('pager', () => {
  const items = Array.from({ length: 23 }, (_, index) => index + 1);

  it('pages ten at a time and clamps the page asked for', () => {
    expect(PAGE_SIZE).toBe(10);
    const second = paginate(items, 2);
    expect(second.items).toEqual([11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
    expect(second).toMatchObject({
      page: 2,
      pageCount: 3,
      total: 23,
      offset: 10,
      hasPrev: true,
      hasNext: true,
    });
    expect(paginate(items, 99)).toMatchObject({ page: 3, items: [21, 22, 23], hasNext: false });
    expect(paginate(items, -1)).toMatchObject({ page: 1, hasPrev: false });
    expect(paginate(items, Number.NaN).page).toBe(1);
    expect(paginate([], 1)).toMatchObject({
      page: 1,
      pageCount: 1,
      items: [],
      hasPrev: false,
      hasNext: false,
    });
    expect(pageWindow(100, 4, 25)).toMatchObject({ offset: 75, pageCount: 4 });
  });

  it('draws back / position / next buttons with the list name and argument in their callbacks', () => {
    const row = pagerRow('en', pageWindow(23, 2), 'users', 'q=ann');
    expect(row.map((button) => button.text)).toEqual(['‹ Back', '2/3', 'Next ›']);
    expect(row.map((button) => parseCallback(button.callback_data))).toEqual([
      { ns: 'pg', action: 'users', id: '1', arg: 'q=ann' },
      { ns: 'pg', action: 'noop', id: '2' },
      { ns: 'pg', action: 'users', id: '3', arg: 'q=ann' },
    ]);
    expect(pagerRow('ru', pageWindow(23, 1), 'users').map((b) => b.text)).toEqual(['1/3', 'Далее ›']);
    expect(pagerRow('en', pageWindow(5, 1), 'users')).toEqual([]);
  });
});
