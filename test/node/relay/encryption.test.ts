/**
 * Encryption at rest (DATA_KEY, AES-256-GCM): no child's name in the raw SQLite database, its WAL
 * or the .eml files; a key change with DATA_KEY_PREVIOUS (old rows and files readable, sealed
 * again with the new key, delivered); content sealed with an unknown key fails that referral
 * only; NODE_ENV=production refuses to start without a key and says how to make one.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../src/server/app.js';
import { ConfigError, loadConfig } from '../../../src/server/config.js';
import { DataCipher, decodeDataKey, isSealed } from '../../../src/server/crypto.js';
import { ROOT, fixture, tempDir, testConfig, waitFor } from './helpers.js';

const KEY_A = Buffer.alloc(32, 0xa1);
const KEY_B = Buffer.alloc(32, 0xb2);
const NAME = 'Theodosia';
const SURNAME = 'Quillfeather';

const dirs: { cleanup(): void }[] = [];
const apps: FastifyInstance[] = [];
after(async () => {
  for (const app of apps) await app.close().catch(() => {});
  for (const d of dirs) d.cleanup();
});

function dataDir(): string {
  const dir = tempDir();
  dirs.push(dir);
  return dir.path;
}

async function relay(dir: string, keys: { key?: Buffer; previous?: Buffer }, startWorker = true) {
  const app = await buildApp(testConfig(dir, { dataKey: keys.key, dataKeyPrevious: keys.previous }), { startWorker, workerPollMs: 50 });
  apps.push(app);
  await app.ready();
  return app;
}

function referral(n = 0) {
  const f = fixture();
  f.child.firstName = `${NAME}${n || ''}`;
  f.child.lastName = SURNAME;
  f.concerns.details = `${NAME} has not been seen since the half-term holiday.`;
  return f;
}

const post = async (app: FastifyInstance, body: unknown) => {
  const res = await app.inject({ method: 'POST', url: '/api/referrals', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) });
  assert.equal(res.statusCode, 202, res.body);
  return res.json().reference as string;
};

/** Every file the relay wrote under DATA_DIR, raw. */
function rawFiles(dir: string): { path: string; bytes: Buffer }[] {
  const out: { path: string; bytes: Buffer }[] = [];
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const path = join(dir, name);
    try {
      out.push({ path, bytes: readFileSync(path) });
    } catch {
      // a directory
    }
  }
  return out;
}

function assertNowhere(dir: string, ...needles: string[]): void {
  const files = rawFiles(dir);
  assert.ok(files.some((f) => f.path.endsWith('outbox.sqlite')), 'the database is among the files read');
  for (const { path, bytes } of files) {
    for (const needle of needles) {
      assert.equal(bytes.includes(needle), false, `${path} holds "${needle}"`);
      assert.equal(bytes.includes(Buffer.from(needle, 'utf16le')), false, `${path} holds "${needle}" (UTF-16)`);
    }
  }
}

describe('encryption at rest', () => {
  it('keeps the child name out of the database, its WAL and the .eml files', async () => {
    const dir = dataDir();
    const app = await relay(dir, { key: KEY_A });
    const reference = await post(app, referral());
    const mail = join(dir, 'mail', `${reference}.eml`);
    await waitFor(async () => (await app.relay.outbox.get(reference))?.status === 'sent' && existsSync(mail), 10_000, 'delivery to a file');
    assert.ok(existsSync(join(dir, 'outbox.sqlite-wal')), 'the WAL is there to be read');
    assertNowhere(dir, NAME, SURNAME);
    // The relay itself reads it back: the store decrypts, and the file opens with the key.
    assert.equal(JSON.parse((await app.relay.outbox.get(reference))!.payload!).child.firstName, NAME);
    const sealed = readFileSync(mail);
    assert.ok(isSealed(sealed));
    assert.match(new DataCipher(KEY_A).open(sealed, `${reference}.eml`).toString('utf8'), new RegExp(SURNAME));
    assert.throws(() => new DataCipher(KEY_B).open(sealed, `${reference}.eml`), /neither DATA_KEY/);
    assert.throws(() => new DataCipher(KEY_A).open(sealed, 'CME-AAAAAAAA.eml'), 'bound to its own file name');
    // Operators read an encrypted file with the CLI and the key.
    const cli = (key: Buffer) =>
      spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/server/cli.ts'), 'open-mail', mail], {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '', DATA_KEY: key.toString('base64'), DATA_DIR: dir },
        encoding: 'utf8',
      });
    const opened = cli(KEY_A);
    assert.equal(opened.status, 0, opened.stderr);
    assert.match(opened.stdout, new RegExp(`Message-ID: <${reference}@localhost>`, 'i'));
    const wrong = cli(KEY_B);
    assert.equal(wrong.status, 1);
    assert.match(wrong.stderr, /is DATA_KEY \(or DATA_KEY_PREVIOUS\) the key/);
    assert.doesNotMatch(wrong.stdout + wrong.stderr, new RegExp(SURNAME));
  });

  it('changes key with DATA_KEY_PREVIOUS: old rows and files are read, sealed again with the new key, and delivered', async () => {
    const dir = dataDir();
    const first = await relay(dir, { key: KEY_A });
    const delivered = await post(first, referral(1));
    await waitFor(() => existsSync(join(dir, 'mail', `${delivered}.eml`)), 10_000, 'the first email');
    await waitFor(async () => (await first.relay.outbox.get(delivered))?.status === 'sent', 10_000, 'sent');
    await first.relay.worker.stop();
    const queued = await post(first, referral(2));
    await first.close();

    const second = await relay(dir, { key: KEY_B, previous: KEY_A });
    await waitFor(async () => (await second.relay.outbox.get(queued))?.status === 'sent', 10_000, 'the queued referral delivered after the change');
    assert.equal(JSON.parse((await second.relay.outbox.get(delivered))!.payload!).child.firstName, `${NAME}1`);
    await second.close();

    // Everything is now sealed with the new key alone: the old key can be dropped.
    const db = new Database(join(dir, 'outbox.sqlite'), { readonly: true });
    const rows = db.prepare('SELECT reference, payload FROM referrals').all() as { reference: string; payload: string }[];
    db.close();
    const onlyB = new DataCipher(KEY_B);
    assert.equal(rows.length, 2);
    for (const row of rows) assert.match(onlyB.openText(row.payload, row.reference), new RegExp(SURNAME));
    for (const name of readdirSync(join(dir, 'mail'))) assert.match(onlyB.open(readFileSync(join(dir, 'mail', name)), name).toString(), new RegExp(SURNAME));
    const third = await relay(dir, { key: KEY_B });
    assert.equal(JSON.parse((await third.relay.outbox.get(queued))!.payload!).child.firstName, `${NAME}2`);
    assertNowhere(dir, NAME, SURNAME);
  });

  it('fails only the referral sealed with an unknown key, and says why', async () => {
    const dir = dataDir();
    const first = await relay(dir, { key: KEY_A }, false);
    const lost = await post(first, referral());
    await first.close();
    const second = await relay(dir, { key: KEY_B });
    const fine = await post(second, referral(3));
    await waitFor(async () => (await second.relay.outbox.get(lost))?.status === 'failed', 10_000, 'the unreadable one failed');
    assert.equal((await second.relay.outbox.get(lost))?.lastError, 'EDATAKEY');
    await waitFor(async () => (await second.relay.outbox.get(fine))?.status === 'sent', 10_000, 'the readable one sent');
  });

  it('refuses to start in production without DATA_KEY, saying how to make one', () => {
    assert.throws(
      () => loadConfig({ NODE_ENV: 'production' }),
      (e: unknown) => e instanceof ConfigError && e.variable === 'DATA_KEY' && /openssl rand -base64 32/.test(e.message) && /randomBytes\(32\)/.test(e.message),
    );
    const child = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/server/cli.ts'), 'serve'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', DATA_DIR: dataDir(), PORT: '0' },
      encoding: 'utf8',
    });
    assert.equal(child.status, 2);
    assert.match(child.stderr, /DATA_KEY.*openssl rand -base64 32/);
    assert.equal(loadConfig({ NODE_ENV: 'production', DATA_KEY: KEY_A.toString('base64') }).dataKey?.equals(KEY_A), true);
    for (const bad of ['short', Buffer.alloc(16).toString('base64'), `${KEY_A.toString('base64')}x`]) {
      assert.throws(() => loadConfig({ DATA_KEY: bad }), (e: unknown) => e instanceof ConfigError && e.variable === 'DATA_KEY' && !e.message.includes(bad));
    }
    assert.throws(() => decodeDataKey('not base64 at all!'), /base64 of 32 random bytes/);
  });
});
