import type { AnyRoute } from '../route.js';
import { auditRoutes } from './audit.js';
import { authRoutes } from './auth.js';
import { claimRoutes } from './claims.js';
import { invoiceRoutes } from './invoices.js';
import { inviteRoutes } from './invites.js';
import { notificationRoutes } from './notifications.js';
import { reportRoutes } from './reports.js';
import { settingsRoutes } from './settings.js';
import { taskRoutes } from './tasks.js';
import { telegramLinkRoutes } from './telegram-links.js';
import { userRoutes } from './users.js';
import { waybillRoutes } from './waybills.js';

/** Every route of the API: served by createApiApp and documented by buildOpenApiDocument. */
export const ROUTES: readonly AnyRoute[] = [
  ...authRoutes,
  ...userRoutes,
  ...inviteRoutes,
  ...telegramLinkRoutes,
  ...settingsRoutes,
  ...notificationRoutes,
  ...taskRoutes,
  ...invoiceRoutes,
  ...waybillRoutes,
  ...claimRoutes,
  ...auditRoutes,
  ...reportRoutes,
];
