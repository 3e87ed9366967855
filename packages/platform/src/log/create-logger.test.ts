import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { currentLogContext, runWithLogContext } from './context.js';
import { createLogger } from './create-logger.js';
import { REDACTION_DEPTH } from './redaction.js';

/** A logger writing into an array of parsed JSON lines. */
function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const destination = {
    write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>),
  };
  return { logger: createLogger({ service: 'task', level: 'debug', destination }), lines };
}

describe('createLogger', () => {
  it('writes JSON lines with service, pid, level name and ISO time', () => {
    const { logger, lines } = capturingLogger();
    logger.info({ taskId: 't1' }, 'task accepted');
    expect(lines).toEqual([
      {
        level: 'info',
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/) as unknown,
        service: 'task',
        pid: process.pid,
        taskId: 't1',
        msg: 'task accepted',
      },
    ]);
  });

  it('respects the level', () => {
    const lines: string[] = [];
    const logger = createLogger({
      service: 's',
      level: 'warn',
      destination: { write: (l) => void lines.push(l) },
    });
    logger.info('hidden');
    logger.warn('shown');
    expect(lines).toHaveLength(1);
  });
});

describe('personal data redaction', () => {
  it('redacts listed keys at the top level and nested, arrays included', () => {
    const { logger, lines } = capturingLogger();
    const order = { client: { contact: { phone: '+7 900 000-00-00', city: 'Kazan' } } };
    logger.info({
      email: 'a@b.c',
      order,
      update: { message: { contact: { phone_number: '+7 900', user_id: 7 } } },
      clients: [{ clientName: 'Ivan Petrov', id: 1 }],
      headers: { Authorization: 'Bearer x' },
    });
    expect(lines[0]).toMatchObject({
      email: '[redacted]',
      order: { client: { contact: { phone: '[redacted]', city: 'Kazan' } } },
      update: { message: { contact: { phone_number: '[redacted]', user_id: 7 } } },
      clients: [{ clientName: '[redacted]', id: 1 }],
      headers: { Authorization: '[redacted]' },
    });
    expect(order.client.contact.phone).toBe('+7 900 000-00-00'); // the caller's object is untouched
  });

  it(`redacts down to depth ${REDACTION_DEPTH} and copes with cycles`, () => {
    const { logger, lines } = capturingLogger();
    const nest = (depth: number): Record<string, unknown> =>
      depth === 1 ? { phone: 'p' } : { x: nest(depth - 1) };
    const cyclic: Record<string, unknown> = { email: 'e' };
    cyclic.self = cyclic;
    logger.info({ inside: nest(REDACTION_DEPTH - 1), beyond: nest(REDACTION_DEPTH), cyclic });
    const line = JSON.stringify(lines[0]);
    expect(line.match(/"phone":"\[redacted\]"/g)).toHaveLength(1);
    expect(line.match(/"phone":"p"/g)).toHaveLength(1);
    expect(lines[0]).toMatchObject({ cyclic: { email: '[redacted]' } });
  });

  it('leaves errors to the error serializer', () => {
    const { logger, lines } = capturingLogger();
    logger.error({ err: new Error('boom') }, 'failed');
    expect(lines[0]).toMatchObject({
      err: { type: 'Error', message: 'boom', stack: expect.any(String) as unknown },
    });
  });

  it('redacts the top-level keys of child bindings', () => {
    const { logger, lines } = capturingLogger();
    logger.child({ email: 'a@b.c', chatId: 5 }).info('x');
    expect(lines[0]).toMatchObject({ email: '[redacted]', chatId: 5 });
  });

  it('redacts the correlation context fields too', () => {
    const { logger, lines } = capturingLogger();
    runWithLogContext({ correlationId: 'c1', email: 'a@b.c' }, () => logger.info('x'));
    expect(lines[0]).toMatchObject({ correlationId: 'c1', email: '[redacted]' });
  });
});

describe('correlation context', () => {
  it('stamps the context on every line inside runWithLogContext, across awaits', async () => {
    const { logger, lines } = capturingLogger();
    logger.info('before');
    await runWithLogContext(
      { correlationId: 'corr-1', messageId: 'm1', messageType: 'task.accept' },
      async () => {
        logger.info('first');
        await sleep(5);
        logger.child({ component: 'store' }).info('after await');
        await new Promise<void>((resolve) => setImmediate(resolve));
        logger.info('after setImmediate');
      },
    );
    logger.info('after');

    expect(lines.map((line) => [line.msg, line.correlationId])).toEqual([
      ['before', undefined],
      ['first', 'corr-1'],
      ['after await', 'corr-1'],
      ['after setImmediate', 'corr-1'],
      ['after', undefined],
    ]);
    expect(lines[2]).toMatchObject({ messageId: 'm1', messageType: 'task.accept', component: 'store' });
  });

  it("does not let a line's fields leak into the context", () => {
    const { logger } = capturingLogger();
    runWithLogContext({ correlationId: 'c1' }, () => {
      logger.info({ taskId: 't1' }, 'x');
      expect(currentLogContext()).toEqual({ correlationId: 'c1' });
    });
  });

  it('keeps concurrent handlers apart', async () => {
    const { logger, lines } = capturingLogger();
    const handle = (id: string, delayMs: number) =>
      runWithLogContext({ correlationId: id }, async () => {
        await sleep(delayMs);
        logger.info(id);
      });
    await Promise.all([handle('slow', 20), handle('fast', 1)]);
    expect(lines.map((line) => [line.msg, line.correlationId])).toEqual([
      ['fast', 'fast'],
      ['slow', 'slow'],
    ]);
  });
});
