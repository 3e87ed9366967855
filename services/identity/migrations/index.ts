import { migrationList } from '@fieldgram/platform';
import * as m20261122_0001_identity from './20261122_0001_identity.js';
import * as m20261220_0002_user_language from './20261220_0002_user_language.js';

/** Every migration of this folder, by file name (a test checks none is missing). */
export const MIGRATIONS = migrationList({
  '20261122_0001_identity': m20261122_0001_identity,
  '20261220_0002_user_language': m20261220_0002_user_language,
});
