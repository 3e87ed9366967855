import type { Logger } from 'pino';
import { PartGroup, type RunningParts } from './part-group.js';
import type { ServicePart } from './service-part.js';

/**
 * Starts `parts` in order. If one fails, those already started are stopped in reverse order and
 * a PartStartError naming the failed part is thrown.
 */
export async function startParts(parts: readonly ServicePart[], logger: Logger): Promise<RunningParts> {
  const group = new PartGroup(parts, logger);
  await group.start();
  return group;
}
