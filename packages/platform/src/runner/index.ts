export type { ServicePart } from './service-part.js';
export type { RunningParts } from './part-group.js';
export { PartStartError } from './part-start-error.js';
export { startParts } from './start-parts.js';
export {
  runService,
  runServices,
  type RunServiceOptions,
  type RunServicesOptions,
  type ServiceUnit,
} from './run-service.js';
