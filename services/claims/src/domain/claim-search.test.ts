import { describe, expect, it } from 'vitest';
import { searchText } from './claim-search.js';

describe('claim search text (S1-06)', () => {
  it('nothing to look for: every claim', () => {
    expect(searchText(undefined)).toBeNull();
    expect(searchText('   ')).toBeNull();
    expect(searchText('#')).toBeNull();
  });

  it('numbers as people type them', () => {
    expect(searchText('CL-2026-000045')).toBe('CL-2026-000045');
    expect(searchText('#cl 2026 000045')).toBe('CL-2026-000045');
    expect(searchText('№ WB-2026-000123')).toBe('WB-2026-000123');
    expect(searchText('wb 2026')).toBe('WB-2026');
    expect(searchText('000045')).toBe('000045');
  });

  it('names and free-form waybill numbers as typed, spaces tidied', () => {
    expect(searchText('  Иван   Петров ')).toBe('Иван Петров');
    expect(searchText('ТК-55 12')).toBe('ТК-55 12');
  });
});
