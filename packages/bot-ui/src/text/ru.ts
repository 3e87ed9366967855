import * as claims from './catalogs/claims.js';
import * as menu from './catalogs/menu.js';
import * as notifications from './catalogs/notifications.js';
import * as people from './catalogs/people.js';
import * as tasks from './catalogs/tasks.js';
import * as waybills from './catalogs/waybills.js';

/** The Russian texts: the same keys and placeholders as `en` (each part checks its own). */
export const ru = {
  ...people.ru,
  ...menu.ru,
  ...tasks.ru,
  ...notifications.ru,
  ...waybills.ru,
  ...claims.ru,
} as const;
