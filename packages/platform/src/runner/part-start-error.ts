/**
 * A part failed to start; the parts before it have been stopped again. The reason is the `cause`
 * (pino's error serializer appends it: "consumer failed to start: queue not found").
 */
export class PartStartError extends Error {
  override readonly name = 'PartStartError';

  constructor(
    readonly part: string,
    cause: unknown,
  ) {
    super(`${part} failed to start`, { cause });
  }
}
