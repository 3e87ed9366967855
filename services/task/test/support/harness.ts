import type { DataInput, Messages } from '@fieldgram/contracts';
import { FakeIdentity, serviceTestRunner, type ServiceTestRun, type TestEnv } from '@fieldgram/testkit';
import { taskEnvSchema } from '../../src/config.js';
import { createTaskService, type TaskService } from '../../src/service.js';

export type TaskRun = ServiceTestRun<TaskService, { identity: FakeIdentity }>;

/**
 * task on its TestEnv, its events tapped, with a fake identity that knows the technicians a test
 * adds (`run.peers.identity.technician(name)`): task's own behaviour is under test here.
 */
export function startTask(env: TestEnv, overrides: Record<string, string> = {}): Promise<TaskRun> {
  return serviceTestRunner({
    name: 'task',
    env,
    events: ['task.#'],
    peers: { identity: FakeIdentity.start },
    create: (values, { logger }) =>
      createTaskService(taskEnvSchema.parse({ ...values, ...overrides }), { logger }),
  });
}

export const CLIENT = {
  name: 'Olga Client',
  phone: '+7 900 555-44-33',
  address: '12 Hidden Street, flat 4',
  notes: 'ring twice',
};

export function newTask(
  extra: Partial<DataInput<Messages, 'task.create'>> = {},
): DataInput<Messages, 'task.create'> {
  return { title: 'Fix the boiler', area: 'North district', client: CLIENT, ...extra };
}
