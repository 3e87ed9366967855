// Everything of testkit that runs outside vitest too (benchmarks, scripts): no vitest imports.
export {
  DEFAULT_ENDPOINTS,
  ENDPOINT_ENV_VARS,
  probeEndpoints,
  resolveEndpoints,
  type Endpoints,
} from './endpoints.js';
export { RabbitManagement } from './rabbit-management.js';
export { createTestEnv, deleteRedisKeys, testEnvId, type TestEnv } from './isolation.js';
export { freePort, freePortBlock } from './ports.js';
export { sleep, waitFor } from './wait-for.js';
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
export { startProcess, type ChildHandle, type ExitStatus } from './child-process.js';
export {
  fetchMetrics,
  metricSum,
  parseMetrics,
  type MetricLabels,
  type MetricSample,
} from './prometheus-text.js';
export { ApiClient } from './api-client.js';
export { serviceEnvValues } from './service-runner/service-env.js';
