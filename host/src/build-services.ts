import type { Messages } from '@fieldgram/contracts';
import { ConfigError, type ServiceRuntime } from '@fieldgram/platform';
import type { ServiceEntry } from './service-catalog.js';

/**
 * Builds the services from one environment. Every configuration problem of every service is
 * told at once (each named with its service), as a person fixing a .env wants them.
 */
export async function buildServices(
  entries: readonly ServiceEntry[],
  env: NodeJS.ProcessEnv,
): Promise<ServiceRuntime<Messages>[]> {
  const built = await Promise.allSettled(entries.map((entry) => entry.build(env)));
  const problems = built.flatMap((result, index) =>
    result.status === 'rejected' && result.reason instanceof ConfigError
      ? result.reason.issues.map((issue) => ({
          variable: `${issue.variable} (${entries[index]!.name})`,
          problem: issue.problem,
        }))
      : [],
  );
  if (problems.length > 0) throw new ConfigError(problems);
  return built.map((result) => {
    if (result.status === 'rejected') throw result.reason;
    return result.value;
  });
}
