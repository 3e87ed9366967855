import { auditMessages } from './audit.js';
import { botGatewayMessages } from './bot-gateway.js';
import { identityMessages } from './identity.js';
import { notificationMessages } from './notification.js';
import { taskMessages } from './task.js';
import { invoiceMessages } from './invoice.js';
import { telegramMessages } from './telegram.js';
import { waybillMessages } from './waybill.js';
import { claimsMessages } from './claims.js';

/**
 * Every message type of fieldgram: type → schema. Adding a type is one entry in one of the
 * spread catalogs; a breaking change is a new type (`task.accepted.v2`), never an edit.
 */
export const messages = {
  ...telegramMessages,
  ...identityMessages,
  ...botGatewayMessages,
  ...notificationMessages,
  ...auditMessages,
  ...taskMessages,
  ...invoiceMessages,
  ...waybillMessages,
  ...claimsMessages,
} as const;
export type Messages = typeof messages;
