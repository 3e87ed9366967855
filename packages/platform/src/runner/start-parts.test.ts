import { describe, expect, it } from 'vitest';
import { createLogger } from '../log/index.js';
import { PartGroup } from './part-group.js';
import { PartStartError } from './part-start-error.js';
import type { ServicePart } from './service-part.js';
import { startParts } from './start-parts.js';

function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const destination = {
    write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>),
  };
  return { logger: createLogger({ service: 'runner-test', destination }), lines };
}

/** Parts that record their calls into one shared journal. */
function journalingParts(names: string[], overrides: Record<string, Partial<ServicePart>> = {}) {
  const journal: string[] = [];
  const parts = names.map((name): ServicePart => ({
    name,
    start: () => {
      journal.push(`start ${name}`);
      return Promise.resolve();
    },
    stop: () => {
      journal.push(`stop ${name}`);
      return Promise.resolve();
    },
    ...overrides[name],
  }));
  return { parts, journal };
}

describe('startParts', () => {
  it('starts in order and stops in reverse order', async () => {
    const { parts, journal } = journalingParts(['db', 'bus', 'consumer']);
    const running = await startParts(parts, capturingLogger().logger);
    await running.stop();
    expect(journal).toEqual([
      'start db',
      'start bus',
      'start consumer',
      'stop consumer',
      'stop bus',
      'stop db',
    ]);
  });

  it('awaits each stop before the next', async () => {
    const { parts, journal } = journalingParts(['db', 'consumer'], {
      consumer: {
        stop: async () => {
          await new Promise((resolve) => setTimeout(resolve, 50));
          journal.push('consumer drained');
        },
      },
    });
    const running = await startParts(parts, capturingLogger().logger);
    await running.stop();
    expect(journal).toEqual(['start db', 'start consumer', 'consumer drained', 'stop db']);
  });

  it('rolls back the started parts when one fails, naming it', async () => {
    const { parts, journal } = journalingParts(['db', 'bus', 'consumer', 'relay'], {
      consumer: { start: () => Promise.reject(new Error('queue not found')) },
    });
    const error = await startParts(parts, capturingLogger().logger).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PartStartError);
    expect(error).toMatchObject({ part: 'consumer', message: 'consumer failed to start' });
    expect((error as Error).cause).toMatchObject({ message: 'queue not found' });
    expect(journal).toEqual(['start db', 'start bus', 'stop bus', 'stop db']);
  });

  it('logs a failing stop, goes on with the others and never throws', async () => {
    const { logger, lines } = capturingLogger();
    const { parts, journal } = journalingParts(['db', 'bus'], {
      bus: { stop: () => Promise.reject(new Error('channel closed')) },
    });
    const running = await startParts(parts, logger);
    await expect(running.stop()).resolves.toBeUndefined();
    expect(journal).toEqual(['start db', 'start bus', 'stop db']);
    expect(lines).toContainEqual(
      expect.objectContaining({ level: 'error', part: 'bus', msg: 'part failed to stop' }),
    );
  });

  it('stops each part once however often stop is called', async () => {
    const { parts, journal } = journalingParts(['db', 'bus']);
    const running = await startParts(parts, capturingLogger().logger);
    await Promise.all([running.stop(), running.stop()]);
    await running.stop();
    expect(journal.filter((entry) => entry.startsWith('stop'))).toEqual(['stop bus', 'stop db']);
  });

  it('reports readiness per part', async () => {
    let busConnected = true;
    const { parts } = journalingParts(['db', 'bus'], { bus: { isReady: () => busConnected } });
    const running = await startParts(parts, capturingLogger().logger);
    expect(running.readiness()).toEqual({ ready: true, checks: { db: true, bus: true } });

    busConnected = false;
    expect(running.readiness()).toEqual({ ready: false, checks: { db: true, bus: false } });

    busConnected = true;
    await running.stop();
    expect(running.readiness()).toEqual({ ready: false, checks: { db: false, bus: false } });
  });

  it('finishes the part being started when stopped meanwhile, then stops all and starts no more', async () => {
    let releaseBus!: () => void;
    const { parts, journal } = journalingParts(['db', 'bus', 'consumer'], {
      bus: {
        start: () => {
          journal.push('start bus');
          return new Promise<void>((resolve) => (releaseBus = resolve));
        },
      },
    });
    const group = new PartGroup(parts, capturingLogger().logger);
    const starting = group.start();
    await new Promise((resolve) => setImmediate(resolve));
    const stopping = group.stop();
    releaseBus();
    await expect(starting).rejects.toThrow('start abandoned before consumer');
    await stopping;
    expect(journal).toEqual(['start db', 'start bus', 'stop bus', 'stop db']);
  });

  it('refuses two parts with the same name', async () => {
    const { parts } = journalingParts(['db', 'db']);
    await expect(startParts(parts, capturingLogger().logger)).rejects.toThrow(
      'two service parts are named "db"',
    );
  });
});
