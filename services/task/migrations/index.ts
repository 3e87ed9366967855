import { migrationList } from '@fieldgram/platform';
import * as m20261201_0001_task from './20261201_0001_task.js';

/** Every migration of this folder, by file name (a test checks none is missing). */
export const MIGRATIONS = migrationList({
  '20261201_0001_task': m20261201_0001_task,
});
