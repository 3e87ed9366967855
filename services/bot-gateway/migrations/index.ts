import { migrationList } from '@fieldgram/platform';
import * as m20261121_0001_gateway from './20261121_0001_gateway.js';

/** Every migration of this folder, by file name (a test checks none is missing). */
export const MIGRATIONS = migrationList({
  '20261121_0001_gateway': m20261121_0001_gateway,
});
