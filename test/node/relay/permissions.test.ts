/**
 * Permissions: DATA_DIR, the database files and the mail folder are the relay user's alone
 * (directories 0700, files 0600) even under `umask 000`, for a new DATA_DIR and for one that
 * already existed with open permissions.
 */
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../src/server/app.js';
import { fixture, tempDir, testConfig, waitFor } from './helpers.js';

const dirs: { cleanup(): void }[] = [];
const apps: FastifyInstance[] = [];
const umask = process.umask();
after(async () => {
  process.umask(umask);
  for (const app of apps) await app.close().catch(() => {});
  for (const d of dirs) d.cleanup();
});

const mode = (path: string) => (statSync(path).mode & 0o777).toString(8).padStart(4, '0');

async function run(dataDir: string) {
  const app = await buildApp(testConfig(dataDir), { workerPollMs: 50 });
  apps.push(app);
  await app.ready();
  const res = await app.inject({ method: 'POST', url: '/api/referrals', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(fixture()) });
  assert.equal(res.statusCode, 202);
  const reference = res.json().reference as string;
  await waitFor(() => existsSync(join(dataDir, 'mail', `${reference}.eml`)), 10_000, 'the mail file');
  await waitFor(async () => (await app.relay.outbox.get(reference))?.status === 'sent', 5_000, 'sent');
  return app;
}

function assertPrivate(dataDir: string, open = true): void {
  assert.equal(mode(dataDir), '0700', 'DATA_DIR');
  assert.equal(mode(join(dataDir, 'mail')), '0700', 'mail folder');
  const files = [...['outbox.sqlite', 'outbox.sqlite-wal', 'outbox.sqlite-shm'].filter((f) => existsSync(join(dataDir, f))), ...readdirSync(join(dataDir, 'mail')).map((f) => join('mail', f))];
  // SQLite removes the WAL and shared-memory files when the last connection closes.
  assert.ok(files.includes('outbox.sqlite') && (!open || files.includes('outbox.sqlite-wal')) && files.some((f) => f.endsWith('.eml')), files.join(', '));
  for (const file of files) assert.equal(mode(join(dataDir, file)), '0600', file);
}

describe('permissions under umask 000', () => {
  it('creates DATA_DIR, the database files and the mail folder readable by the relay user only', async () => {
    process.umask(0);
    const root = tempDir();
    dirs.push(root);
    const dataDir = join(root.path, 'var', 'relay');
    const app = await run(dataDir);
    assertPrivate(dataDir);
    await app.close();
    assertPrivate(dataDir, false);
  });

  it('tightens a DATA_DIR and mail folder that already existed with open permissions', async () => {
    process.umask(0);
    const root = tempDir();
    dirs.push(root);
    mkdirSync(join(root.path, 'mail'), { recursive: true });
    chmodSync(root.path, 0o777);
    chmodSync(join(root.path, 'mail'), 0o777);
    await run(root.path);
    assertPrivate(root.path);
  });
});
