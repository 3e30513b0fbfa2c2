/**
 * Private files: the data directory, the database files and the mail folder are readable by the
 * relay's own user only (directories 0700, files 0600), whatever the process umask. Modes given to
 * mkdir/open are masked by the umask, so each is set again explicitly with chmod.
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { chmod, mkdir } from 'node:fs/promises';

export function ensurePrivateDirSync(path: string): void {
  mkdirSync(path, { recursive: true, mode: 0o700 });
  chmodSync(path, 0o700);
}

export async function ensurePrivateDir(path: string): Promise<void> {
  await mkdir(path, { recursive: true, mode: 0o700 });
  await chmod(path, 0o700);
}

/** Creates `path` empty with mode 0600 when missing, and sets 0600 on it either way. */
export function ensurePrivateFileSync(path: string): void {
  if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600));
  chmodSync(path, 0o600);
}
