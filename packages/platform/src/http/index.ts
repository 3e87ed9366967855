export { startOpsServer, type OpsServer, type OpsServerOptions } from './ops-server.js';
export { readinessFromChecks, type ReadinessProbe, type ReadinessReport } from './readiness.js';
