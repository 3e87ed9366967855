import { describe, expect, it } from 'vitest';
import { DURATION_BUCKETS, createMetrics, type ServiceMetrics } from './service-metrics.js';

describe('createMetrics', () => {
  it('registers the platform metrics with a service label', async () => {
    const metrics = createMetrics({ service: 'task' });
    metrics.messagesConsumed.inc({ queue: 'task.commands', type: 'task.accept', outcome: 'ok' });
    metrics.messagesConsumed.inc({ queue: 'task.commands', type: 'task.accept', outcome: 'duplicate' }, 2);
    metrics.messagesPublished.inc({ exchange: 'fg.events', type: 'task.accepted' });
    metrics.messagesFailed.inc({ queue: 'task.commands', type: 'task.accept', reason: 'handler-error' });
    metrics.handlerDuration.observe({ queue: 'task.commands', type: 'task.accept' }, 0.003);
    metrics.outboxPending.set(4);
    metrics.rpcDuration.startTimer()({ target: 'identity', type: 'user.get', outcome: 'timeout' });

    const text = await metrics.registry.metrics();
    expect(text).toContain(
      'fg_messages_consumed_total{queue="task.commands",type="task.accept",outcome="ok",service="task"} 1',
    );
    expect(text).toContain(
      'fg_messages_consumed_total{queue="task.commands",type="task.accept",outcome="duplicate",service="task"} 2',
    );
    expect(text).toContain(
      'fg_messages_published_total{exchange="fg.events",type="task.accepted",service="task"} 1',
    );
    expect(text).toContain(
      'fg_messages_failed_total{queue="task.commands",type="task.accept",reason="handler-error",service="task"} 1',
    );
    expect(text).toContain(
      'fg_handler_duration_seconds_bucket{le="0.005",service="task",queue="task.commands",type="task.accept"} 1',
    );
    expect(text).toContain('fg_outbox_pending{service="task"} 4');
    expect(text).toContain(
      'fg_rpc_duration_seconds_count{service="task",target="identity",type="user.get",outcome="timeout"} 1',
    );
    expect(text).toMatch(/^process_cpu_user_seconds_total\{service="task"\} /m);
  });

  it('gives each service its own registry, so several can live in one process', async () => {
    const a = createMetrics({ service: 'a' });
    const b = createMetrics({ service: 'b' });
    a.outboxPending.set(1);
    b.outboxPending.set(2);
    expect(await a.registry.metrics()).toContain('fg_outbox_pending{service="a"} 1');
    expect(await b.registry.metrics()).toContain('fg_outbox_pending{service="b"} 2');
  });

  it('buckets durations from 1 ms to 10 s', () => {
    expect(DURATION_BUCKETS[0]).toBe(0.001);
    expect(DURATION_BUCKETS.at(-1)).toBe(10);
  });

  it('checks label names and values at compile time', () => {
    // Never called: `tsc` fails if a line below stops being an error.
    const misuses = (metrics: ServiceMetrics) => {
      // @ts-expect-error every label is required
      metrics.messagesConsumed.inc({ queue: 'q', type: 't' });
      // @ts-expect-error outcome is one of a few values
      metrics.messagesConsumed.inc({ queue: 'q', type: 't', outcome: 'weird' });
      // @ts-expect-error unknown labels are rejected
      metrics.messagesPublished.inc({ exchange: 'e', type: 't', queue: 'q' });
      // @ts-expect-error the timer needs every label when it stops
      metrics.rpcDuration.startTimer()({ target: 'identity' });
    };
    expect(misuses).toBeTypeOf('function');
  });
});
