/** A part failed to start; the parts before it have been stopped again. */
export class PartStartError extends Error {
  override readonly name = 'PartStartError';

  constructor(
    readonly part: string,
    cause: unknown,
  ) {
    super(`${part} failed to start: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}
