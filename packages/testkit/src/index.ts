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
export { pdfText } from './pdf-text.js';
export { serviceEnvValues } from './service-runner/service-env.js';
export { testLogger } from './service-runner/test-logger.js';
export { asUser, Caller, type CallerOptions } from './service-runner/caller.js';
export { EventTap, type TappedEnvelope } from './service-runner/event-tap.js';
export { outboxCount, schemaDb, type SchemaDb } from './service-runner/schema-db.js';
export {
  fakeResponder,
  type Closable,
  type FakeAnswer,
  type FakeAnswers,
} from './service-runner/fake-responder.js';
export { FakeIdentity, userFixture, type PersonFixture } from './service-runner/fake-identity.js';
export {
  serviceTestRunner,
  type PeerFactories,
  type ServiceTestRun,
  type ServiceTestRunnerOptions,
  type ServiceUnderTest,
} from './service-runner/service-test-runner.js';
