/**
 * The embedded default: each message written as an `.eml` file in `DATA_DIR/mail/` (a temporary
 * name, fsynced, renamed, then the folder fsynced), so the demo works with no mail server.
 * With DATA_KEY the file's content is sealed (AES-256-GCM, bound to its file name) by the
 * `seal` function the app passes in. A disk error (full, read-only) is temporary: it is retried.
 */
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { mkdir, open, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { failure, type OutgoingMessage, type Transport } from './types.js';

export interface FileOptions {
  /** Encrypts a file's bytes; `aad` is the file name (crypto.ts DataCipher.seal). */
  seal?: (data: Buffer, aad: string) => Buffer;
}

/** `CME-…​.eml` for the referral, `CME-….receipt.eml`, `CME-….alert-failed.eml`. */
export function fileNameFor(message: OutgoingMessage): string {
  if (message.kind === 'receipt') return `${message.reference}.receipt.eml`;
  if (message.kind === 'alert') return `${message.reference}.alert-${message.condition}.eml`;
  return `${message.reference}.eml`;
}

export function fileTransport(dataDir: string, build: (m: OutgoingMessage) => SendMailOptions, options: FileOptions = {}): Transport {
  const dir = join(dataDir, 'mail');
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    kind: 'file',
    async send(message) {
      try {
        const info = await transport.sendMail(build(message));
        const name = fileNameFor(message);
        const content = options.seal ? options.seal(info.message as Buffer, name) : (info.message as Buffer);
        // Asynchronous file calls: the fsyncs run on libuv's pool, not on the thread serving requests.
        await mkdir(dir, { recursive: true, mode: 0o700 });
        const target = join(dir, name);
        const temp = `${target}.${process.pid}.tmp`;
        const file = await open(temp, 'w', 0o600);
        try {
          await file.writeFile(content);
          await file.sync();
        } finally {
          await file.close();
        }
        await rename(temp, target);
        const folder = await open(dir, 'r');
        try {
          await folder.sync();
        } finally {
          await folder.close();
        }
        return { ok: true };
      } catch (error) {
        return failure(error, false);
      }
    },
    close() {
      transport.close();
    },
  };
}
