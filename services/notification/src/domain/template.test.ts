import { describe, expect, it } from 'vitest';
import { placeholdersOf } from './template.js';

describe('template placeholders', () => {
  it('lists the fields a template names, nested ones as one, in order', () => {
    expect(placeholdersOf('Task #{number} ({client.name}): {from} → {to}')).toEqual([
      'number',
      'client.name',
      'from',
      'to',
    ]);
    expect(placeholdersOf('Open task')).toEqual([]);
  });
});
