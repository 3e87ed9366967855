import { migrationList } from '@fieldgram/platform';
import * as m20261121_0001_notification from './20261121_0001_notification.js';
import * as m20270112_0002_delivery_attachments from './20270112_0002_delivery_attachments.js';

/** Every migration of this folder, by file name (a test checks none is missing). */
export const MIGRATIONS = migrationList({
  '20261121_0001_notification': m20261121_0001_notification,
  '20270112_0002_delivery_attachments': m20270112_0002_delivery_attachments,
});
