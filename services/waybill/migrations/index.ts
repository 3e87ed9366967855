import { migrationList } from '@fieldgram/platform';
import * as m20270110_0001_waybill from './20270110_0001_waybill.js';

/** Every migration of this folder, by file name (a test checks none is missing). */
export const MIGRATIONS = migrationList({
  '20270110_0001_waybill': m20270110_0001_waybill,
});
