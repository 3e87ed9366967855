import { describe, expect, it } from 'vitest';
import { documentLanguage, formatDocumentDate } from './document-language.js';

const RU_ORG = { forced: undefined, orgDefault: 'ru' } as const;

describe("a document's language", () => {
  it("is its reader's: chosen, else their Telegram app's, else the organization's", () => {
    expect(documentLanguage(RU_ORG, { person: { language: null, languageCode: 'en' } })).toBe('en');
    expect(documentLanguage(RU_ORG, { person: { language: 'en', languageCode: 'ru' } })).toBe('en');
    expect(documentLanguage(RU_ORG, { person: { language: null, languageCode: null } })).toBe('ru');
    expect(documentLanguage({ forced: undefined, orgDefault: 'en' }, { person: null })).toBe('en');
    expect(documentLanguage(RU_ORG, {})).toBe('ru');
  });

  it('is the one asked for over the reader’s', () => {
    expect(documentLanguage(RU_ORG, { asked: 'en', person: { language: 'ru', languageCode: 'ru' } })).toBe(
      'en',
    );
  });

  it('is the one the organization forces, whatever was asked or whoever reads', () => {
    const forced = { forced: 'ru', orgDefault: 'en' } as const;
    expect(documentLanguage(forced, { asked: 'en', person: { language: 'en', languageCode: 'en' } })).toBe(
      'ru',
    );
    expect(documentLanguage(forced, {})).toBe('ru');
  });
});

describe("a document's dates", () => {
  it('read day.month.year in Russian and year-month-day in English, from a date or a timestamp', () => {
    expect(formatDocumentDate('2026-01-31', 'ru')).toBe('31.01.2026');
    expect(formatDocumentDate('2026-01-31T23:10:00.000Z', 'en')).toBe('2026-01-31');
  });
});
