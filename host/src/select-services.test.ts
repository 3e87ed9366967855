// FIELDGRAM_SERVICES (issue 15): one process runs every service by default, or the ones named.
import { describe, expect, it } from 'vitest';
import { ConfigError } from '@fieldgram/platform';
import { selectServices } from './select-services.js';

const KNOWN = ['api-gateway', 'conversation', 'identity', 'task'];

describe('selectServices', () => {
  it('runs every service when unset, empty of names or "all"', () => {
    expect(selectServices(undefined, KNOWN)).toEqual(KNOWN);
    expect(selectServices('all', KNOWN)).toEqual(KNOWN);
    expect(selectServices(' ALL ', KNOWN)).toEqual(KNOWN);
  });

  it('runs the services named, in the catalog’s order, each once', () => {
    expect(selectServices('task, Conversation,task', KNOWN)).toEqual(['conversation', 'task']);
  });

  it('names an unknown service and the known ones', () => {
    const error = (() => {
      try {
        selectServices('task,tasks,billing', KNOWN);
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues).toEqual([
      {
        variable: 'FIELDGRAM_SERVICES',
        problem:
          'unknown services "tasks", "billing"; known: api-gateway, conversation, identity, task, or "all"',
      },
    ]);
  });

  it('refuses a list of no names', () => {
    expect(() => selectServices(' , ', KNOWN)).toThrow(/name at least one service/);
  });
});
