import { describe, expect, it } from 'vitest';
import { CATALOG, t, type TextKey } from './catalog.js';
import { langFromTelegram } from './lang.js';
import * as claims from './catalogs/claims.js';
import * as menu from './catalogs/menu.js';
import * as notifications from './catalogs/notifications.js';
import * as people from './catalogs/people.js';
import * as tasks from './catalogs/tasks.js';
import * as waybills from './catalogs/waybills.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('text catalog', () => {
  it('has the same keys and placeholders in Russian and English, none empty', () => {
    expect(Object.keys(CATALOG.ru).sort()).toEqual(Object.keys(CATALOG.en).sort());
    for (const key of Object.keys(CATALOG.en) as TextKey[]) {
      expect(CATALOG.en[key].trim(), key).not.toBe('');
      expect(CATALOG.ru[key].trim(), key).not.toBe('');
      expect(placeholders(CATALOG.ru[key]), key).toEqual(placeholders(CATALOG.en[key]));
    }
  });

  it('defines each key in one part only (a later part would silently win)', () => {
    const parts = [people, menu, tasks, notifications, waybills, claims];
    const total = parts.reduce((sum, part) => sum + Object.keys(part.en).length, 0);
    expect(Object.keys(CATALOG.en)).toHaveLength(total);
  });

  it('fills in placeholders without re-reading the values', () => {
    expect(t('en', 'welcome.technician', { name: 'Ann' })).toBe(
      'Welcome, Ann! You are registered as a technician. New tasks will come here.',
    );
    expect(t('ru', 'welcome.back', { name: '{name} Smith' })).toBe(
      'С возвращением, {name} Smith! Меню — ниже.',
    );
    expect(t('en', 'pager.position', { page: 2, pages: 5 })).toBe('2/5');
    expect(t('ru', 'callback.stale')).toBe('Эта кнопка больше не действует.');
  });

  it('takes the language from Telegram: ru, uk, be, kk read Russian, others English, none the default', () => {
    for (const code of ['ru', 'uk', 'be', 'kk', 'ru-RU', 'UK', ' kk_KZ '])
      expect(langFromTelegram(code)).toBe('ru');
    for (const code of ['en', 'de', 'pt-br', 'zh-hans', 'pl']) expect(langFromTelegram(code)).toBe('en');
    expect(langFromTelegram(undefined)).toBe('ru');
    expect(langFromTelegram(null, 'en')).toBe('en');
    expect(langFromTelegram('', 'en')).toBe('en');
  });
});
