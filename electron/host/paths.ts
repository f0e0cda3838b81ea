// Where things are, in a module light enough for the browser shell to use before the host loads:
// the repository (this file is two folders deep, as the bundles in dist/host are), and the data
// dir when none is given (COUNTERPART_DATA, else the XDG data home).
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');

export const defaultDataDir = (): string =>
  process.env.COUNTERPART_DATA ??
  join(process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'counterpart');
