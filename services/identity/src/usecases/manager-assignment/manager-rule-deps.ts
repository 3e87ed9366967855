import type { Logger } from 'pino';

/** What assigning by the organization's rule needs (S1-01). */
export interface ManagerRuleDeps {
  /** CLIENT_DEFAULT_MANAGER: a manager's login or id who gets every client; unset = fewest clients. */
  defaultManager: string | undefined;
  /** Says when the default manager can no longer take clients. */
  logger: Logger;
}
