/** Test-only switches read from the environment; a real service has none of these. */
export interface Faults {
  handlerDelayMs: number;
  crashAfterCommit: boolean;
}

export function faultsFromEnv(env: NodeJS.ProcessEnv): Faults {
  return {
    handlerDelayMs: Number(env.EXAMPLE_HANDLER_DELAY_MS ?? 0),
    crashAfterCommit: env.EXAMPLE_CRASH_AFTER_COMMIT === '1',
  };
}
