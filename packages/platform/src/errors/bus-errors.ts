/** RabbitMQ could not be reached in time (reconnecting, or the channel kept failing). */
export class BusUnavailableError extends Error {
  override readonly name = 'BusUnavailableError';
}

/** A message's envelope or payload does not match its schema; never retried. */
export class MessageValidationError extends Error {
  override readonly name = 'MessageValidationError';
  constructor(
    message: string,
    readonly messageType?: string,
  ) {
    super(message);
  }
}

/** The broker refused or did not confirm a publish before the deadline. */
export class PublishError extends Error {
  override readonly name = 'PublishError';
}

/**
 * Something the handler depends on is down (Telegram unreachable, no bot configured yet): the
 * message is retried without using up its tries, so an outage never parks good work.
 */
export class DependencyUnavailableError extends Error {
  override readonly name = 'DependencyUnavailableError';
}
