import { describe, expect, it } from 'vitest';
import { documentLanguage } from './document-language.js';

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
