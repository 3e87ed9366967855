import { migrationList } from '@fieldgram/platform';
import * as m20261121_0001_greetings from './20261121_0001_greetings.js';

/** Every migration of this folder, by file name (a test checks none is missing). */
export const MIGRATIONS = migrationList({
  '20261121_0001_greetings': m20261121_0001_greetings,
});
