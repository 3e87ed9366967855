export {
  DEFAULT_ENDPOINTS,
  ENDPOINT_ENV_VARS,
  maskPassword,
  probeEndpoints,
  resolveEndpoints,
  type Endpoints,
  type ServiceFailure,
  type ServiceName,
} from './endpoints.js';
export {
  RabbitManagement,
  RabbitManagementError,
  type ConnectionInfo,
  type QueueInfo,
  type QueueSummary,
} from './rabbit-management.js';
export { createTestEnv, deleteRedisKeys, testEnvId, type TestEnv } from './isolation.js';
export { useTestEnv } from './use-test-env.js';
export { freePort, freePortBlock } from './ports.js';
export { sleep, waitFor, type Truthy, type WaitForOptions } from './wait-for.js';
export {
  startProcess,
  type ChildHandle,
  type ExitStatus,
  type LogEntry,
  type StartProcessOptions,
} from './child-process.js';
export { connectPg, withPg, type PgClient } from './pg-client.js';
export { serverControl } from './server-control.js';
export {
  SERVICE_NAMES,
  STACK_ADMIN,
  startServiceStack,
  type StackService,
  type ServiceProcess,
  type ServiceStack,
  type ServiceStackOptions,
} from './service-stack.js';
export {
  fetchMetrics,
  metricSum,
  parseMetrics,
  type MetricLabels,
  type MetricSample,
} from './prometheus-text.js';
export { ApiClient } from './api-client.js';
