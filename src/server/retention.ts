/**
 * Retention for the mail folder: the file transport's `.eml` files hold the whole referral, so
 * they go when the outbox row's content is purged. Files are named after the reference
 * (`CME-XXXXXXXX.eml`, `CME-XXXXXXXX.receipt.eml`, ...). Each is overwritten with zeros and
 * synced before it is unlinked, so the bytes do not linger in free blocks of a simple filesystem
 * (on copy-on-write or journalled storage this is best effort; DATA_KEY encryption is what keeps
 * such leftovers unreadable). A sweep also removes files of references already purged (a crash
 * between purging the row and removing its file) and stray temporary files.
 */
import { chmod, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { DataCipher } from './crypto.js';
import type { Store } from './store/types.js';

const FILE = /^(CME-[A-HJKMNP-Z2-9]{8})(?:[.\w-]*)\.eml(?:\.[\w.-]*tmp)?$/;

/** Overwrites a file with zeros, syncs it, then unlinks it. */
export async function eraseFile(path: string): Promise<void> {
  const { size } = await stat(path);
  const file = await open(path, 'r+');
  try {
    const zeros = Buffer.alloc(Math.min(size, 1 << 20));
    for (let at = 0; at < size; at += zeros.length) await file.write(zeros, 0, Math.min(zeros.length, size - at), at);
    await file.sync();
  } finally {
    await file.close();
  }
  await unlink(path);
}

/** The file names in `dir`; none when it does not exist (yet). */
async function namesIn(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return [];
    throw error;
  }
}

/** Erases the mail files of `references`, and of any other reference whose content is gone. Returns how many. */
export async function purgeMailFiles(dir: string, references: string[], store: Pick<Store, 'isPurged'>): Promise<number> {
  const names = await namesIn(dir);
  const purged = new Set(references);
  const known = new Map<string, boolean>();
  let n = 0;
  for (const name of names) {
    const reference = FILE.exec(name)?.[1];
    if (!reference) continue;
    if (!purged.has(reference)) {
      if (!known.has(reference)) known.set(reference, await store.isPurged(reference));
      if (!known.get(reference)) continue;
    }
    try {
      await eraseFile(join(dir, name));
      n++;
    } catch (error) {
      if ((error as { code?: string }).code !== 'ENOENT') throw error;
    }
  }
  return n;
}

/**
 * Seals again with DATA_KEY every mail file that is plaintext or sealed with DATA_KEY_PREVIOUS
 * (the file transport binds each file to its name). Returns how many were rewritten.
 */
export async function resealMailFiles(dir: string, cipher: DataCipher): Promise<number> {
  if (!cipher.enabled) return 0;
  const names = await namesIn(dir);
  let n = 0;
  for (const name of names) {
    if (!/^CME-[A-HJKMNP-Z2-9]{8}[.\w-]*\.eml$/.test(name)) continue;
    const path = join(dir, name);
    const data = await readFile(path);
    if (!cipher.needsReseal(data)) continue;
    let plain: Buffer;
    try {
      plain = cipher.open(data, name);
    } catch {
      continue; // sealed with an unknown key: left as it is
    }
    const temp = `${path}.${process.pid}.reseal.tmp`;
    const file = await open(temp, 'w', 0o600);
    try {
      await file.writeFile(cipher.seal(plain, name));
      await file.sync();
    } finally {
      await file.close();
    }
    await chmod(temp, 0o600);
    await rename(temp, path);
    n++;
  }
  return n;
}
