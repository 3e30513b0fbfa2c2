/**
 * Encryption at rest for referral content (AES-256-GCM, node:crypto), used by both outbox stores
 * and by the file transport's .eml files.
 *
 * Sealed format (bytes): "CME1" | key id (8 bytes: first bytes of SHA-256 of the key) | IV (12) |
 * tag (16) | ciphertext. The key id lets DATA_KEY_PREVIOUS still open what was sealed before a key
 * change. An optional `aad` (the referral's reference) binds a sealed value to its row or file,
 * so content cannot be swapped between referrals unnoticed.
 *
 * Without DATA_KEY (development only: production refuses to start without one) `seal()` returns
 * the plaintext unchanged and `open()` passes unsealed data through.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const MAGIC = Buffer.from('CME1', 'latin1');
const HEADER = MAGIC.length + 8 + 12 + 16;

/** How to make a key, for error messages and docs. */
export const MAKE_KEY_HINT = "make one with `openssl rand -base64 32` or `node -e \"console.log(require('crypto').randomBytes(32).toString('base64'))\"`";

/** Decodes a DATA_KEY value: base64 of exactly 32 bytes. Throws an Error whose message names no key material. */
export function decodeDataKey(raw: string): Buffer {
  const text = raw.trim();
  if (!/^[A-Za-z0-9+/]{43}=?$/.test(text)) throw new Error(`it must be the base64 of 32 random bytes (44 characters); ${MAKE_KEY_HINT}.`);
  const key = Buffer.from(text, 'base64');
  if (key.length !== 32) throw new Error(`it decodes to ${key.length} bytes, not 32; ${MAKE_KEY_HINT}.`);
  return key;
}

const keyId = (key: Buffer) => createHash('sha256').update('cme-data-key').update(key).digest().subarray(0, 8);

export class DataCipher {
  private readonly current: { key: Buffer; id: Buffer } | undefined;
  private readonly keys: { key: Buffer; id: Buffer }[];

  /** `key`: DATA_KEY (32 bytes) or undefined; `previous`: DATA_KEY_PREVIOUS, opened but never used to seal. */
  constructor(key?: Buffer, previous?: Buffer) {
    this.current = key ? { key, id: keyId(key) } : undefined;
    this.keys = [key, previous].filter((k): k is Buffer => !!k).map((k) => ({ key: k, id: keyId(k) }));
  }

  /** True when a DATA_KEY is set (content is sealed). */
  get enabled(): boolean {
    return this.current !== undefined;
  }

  /** Encrypts `plain` with DATA_KEY; returns it unchanged when no key is set. */
  seal(plain: Buffer | string, aad?: string): Buffer {
    const data = typeof plain === 'string' ? Buffer.from(plain, 'utf8') : plain;
    if (!this.current) return data;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.current.key, iv);
    if (aad !== undefined) cipher.setAAD(Buffer.from(aad, 'utf8'));
    const body = Buffer.concat([cipher.update(data), cipher.final()]);
    return Buffer.concat([MAGIC, this.current.id, iv, cipher.getAuthTag(), body]);
  }

  /** Decrypts what `seal()` made, with DATA_KEY or DATA_KEY_PREVIOUS; unsealed data passes through. */
  open(data: Buffer, aad?: string): Buffer {
    if (!isSealed(data)) return data;
    const id = data.subarray(4, 12);
    const entry = this.keys.find((k) => k.id.equals(id));
    if (!entry) throw Object.assign(new Error('sealed with a key that is neither DATA_KEY nor DATA_KEY_PREVIOUS'), { code: 'EDATAKEY' });
    const decipher = createDecipheriv('aes-256-gcm', entry.key, data.subarray(12, 24));
    decipher.setAuthTag(data.subarray(24, HEADER));
    if (aad !== undefined) decipher.setAAD(Buffer.from(aad, 'utf8'));
    return Buffer.concat([decipher.update(data.subarray(HEADER)), decipher.final()]);
  }

  /** Text helpers for database columns: sealed values travel as base64 text. */
  sealText(plain: string, aad?: string): string {
    return this.current ? this.seal(plain, aad).toString('base64') : plain;
  }

  openText(stored: string, aad?: string): string {
    if (!stored.startsWith('Q01FM')) return stored; // "CME1" in base64; JSON starts with "{"
    return this.open(Buffer.from(stored, 'base64'), aad).toString('utf8');
  }

  /** True when `data` should be sealed again: plaintext, or sealed with another key than DATA_KEY. */
  needsReseal(data: Buffer): boolean {
    if (!this.current) return false;
    return !isSealed(data) || !data.subarray(4, 12).equals(this.current.id);
  }

  /** True when `stored` (text form) should be sealed again: plaintext, or sealed with the previous key. */
  needsResealText(stored: string): boolean {
    if (!this.current) return false;
    if (!stored.startsWith('Q01FM')) return true;
    return !Buffer.from(stored.slice(0, 24), 'base64').subarray(4, 12).equals(this.current.id);
  }
}

export function isSealed(data: Buffer): boolean {
  return data.length >= HEADER && data.subarray(0, 4).equals(MAGIC);
}

/** A cipher from DATA_KEY / DATA_KEY_PREVIOUS values already checked by the config. */
export function cipherFromConfig(config: { dataKey?: Buffer | undefined; dataKeyPrevious?: Buffer | undefined }): DataCipher {
  return new DataCipher(config.dataKey, config.dataKeyPrevious);
}
