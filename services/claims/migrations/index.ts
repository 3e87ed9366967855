import { migrationList } from '@fieldgram/platform';
import * as m20270111_0001_claims from './20270111_0001_claims.js';
import * as m20270112_0002_claim_order from './20270112_0002_claim_order.js';

/** Every migration of this folder, by file name (a test checks none is missing). */
export const MIGRATIONS = migrationList({
  '20270111_0001_claims': m20270111_0001_claims,
  '20270112_0002_claim_order': m20270112_0002_claim_order,
});
