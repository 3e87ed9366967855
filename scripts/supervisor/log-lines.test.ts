import { describe, expect, it } from 'vitest';
import { LEVELS, classifyLine, prettyPrinter, terminalView } from './log-lines.js';

const warn = JSON.stringify({
  level: 'warn',
  time: '2026-12-03T09:47:52.921Z',
  service: 'identity',
  msg: 'careful',
});
const info = JSON.stringify({ level: 'info', service: 'identity', msg: 'service started' });
const pretty = prettyPrinter(false);

describe('what npm start shows of a service’s output (issue 11)', () => {
  it('reads level labels and numbers', () => {
    expect(classifyLine(warn)).toMatchObject({ kind: 'json', level: LEVELS.warn });
    expect(classifyLine('{"level":50,"msg":"x"}')).toMatchObject({ kind: 'json', level: 50 });
    expect(classifyLine('Invalid configuration:')).toEqual({ kind: 'text' });
    expect(classifyLine('{not json')).toEqual({ kind: 'text' });
  });

  it('keeps info lines out of the terminal and shows warnings, pretty or as JSON', () => {
    const options = { format: 'pretty', minLevel: LEVELS.warn, colorize: false } as const;
    expect(terminalView('identity', info, options, pretty)).toBeNull();
    expect(terminalView('identity', warn, options, pretty)).toMatch(
      /^\[identity\] \[\d\d:\d\d:\d\d\] WARN: careful$/,
    );
    expect(terminalView('identity', warn, { ...options, format: 'json' }, pretty)).toBe(warn);
  });

  it('always shows lines that are not log entries (a configuration error, a stack trace)', () => {
    const options = { format: 'json', minLevel: LEVELS.fatal, colorize: false } as const;
    expect(terminalView('identity', '  - ADMIN_LOGIN: required', options, pretty)).toBe(
      '[identity]   - ADMIN_LOGIN: required',
    );
  });
});
