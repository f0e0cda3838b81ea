// The host's files hold payment records, staff actions and password hashes: only the kiosk's own
// user may read them. Directories are 0700 and files 0600, tightened when found looser (an older
// install, a copied folder), so a local account other than the kiosk's sees nothing.
import { chmodSync, closeSync, mkdirSync, openSync, statSync } from 'node:fs';

const OTHERS = 0o077;

/** Creates the directory (and its parents) if needed; leaves it readable by its owner only. */
export function ensurePrivateDir(directory: string): void {
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  if ((statSync(directory).mode & OTHERS) !== 0) chmodSync(directory, 0o700);
}

/** Creates the file empty if it is missing; leaves it readable and writable by its owner only. */
export function ensurePrivateFile(file: string): void {
  closeSync(openSync(file, 'a', 0o600));
  if ((statSync(file).mode & OTHERS) !== 0) chmodSync(file, 0o600);
}

/** Whether users other than the owner may read or write this file (a secret that should be 0600). */
export const isReadableByOthers = (file: string): boolean => (statSync(file).mode & OTHERS) !== 0;
