/**
 * Retention for the mail folder: the file transport's `.eml` files hold the whole referral, so
 * they go when the outbox row's content is purged. Files are named after the reference
 * (`CME-XXXXXXXX.eml`, `CME-XXXXXXXX.receipt.eml`, ...). Each is overwritten with zeros and
 * synced before it is unlinked, so the bytes do not linger in free blocks of a simple filesystem
 * (on copy-on-write or journalled storage this is best effort; DATA_KEY encryption is what keeps
 * such leftovers unreadable). A sweep also removes files of references already purged (a crash
 * between purging the row and removing its file) and stray temporary files.
 */
import { open, readdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
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

/** Erases the mail files of `references`, and of any other reference whose content is gone. Returns how many. */
export async function purgeMailFiles(dir: string, references: string[], store: Pick<Store, 'isPurged'>): Promise<number> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return 0;
    throw error;
  }
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
