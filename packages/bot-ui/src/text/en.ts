import * as claims from './catalogs/claims.js';
import * as menu from './catalogs/menu.js';
import * as notifications from './catalogs/notifications.js';
import * as people from './catalogs/people.js';
import * as tasks from './catalogs/tasks.js';
import * as waybills from './catalogs/waybills.js';

/**
 * The English texts: the reference catalog, one part per domain (`catalogs/`: a feature adds a
 * file and a line here and in ru.ts). Its keys are every text key; `{param}` marks a value filled
 * in by `t()`. The Russian catalog must have exactly the same keys and placeholders.
 */
export const en = {
  ...people.en,
  ...menu.en,
  ...tasks.en,
  ...notifications.en,
  ...waybills.en,
  ...claims.en,
} as const;
