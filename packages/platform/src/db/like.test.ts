import { describe, expect, it } from 'vitest';
import { containsPattern, escapeLike } from './like.js';

describe('LIKE patterns', () => {
  it('escapes the wildcards a person may type', () => {
    expect(escapeLike('50%_off\\')).toBe('50\\%\\_off\\\\');
    expect(containsPattern('ivan')).toBe('%ivan%');
  });
});
