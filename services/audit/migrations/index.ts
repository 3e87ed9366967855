import { migrationList } from '@fieldgram/platform';
import * as m20261121_0001_journal from './20261121_0001_journal.js';

/** Every migration of this folder, by file name (a test checks none is missing). */
export const MIGRATIONS = migrationList({
  '20261121_0001_journal': m20261121_0001_journal,
});
