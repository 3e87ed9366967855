import type { AnyRoute } from '../route.js';
import { auditRoutes } from './audit.js';
import { authRoutes } from './auth.js';
import { inviteRoutes } from './invites.js';
import { notificationRoutes } from './notifications.js';
import { settingsRoutes } from './settings.js';
import { telegramLinkRoutes } from './telegram-links.js';
import { userRoutes } from './users.js';

/** Every route of the API: served by createApiApp and documented by buildOpenApiDocument. */
export const ROUTES: readonly AnyRoute[] = [
  ...authRoutes,
  ...userRoutes,
  ...inviteRoutes,
  ...telegramLinkRoutes,
  ...settingsRoutes,
  ...notificationRoutes,
  ...auditRoutes,
];
