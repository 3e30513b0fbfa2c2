/**
 * npm run bench:relay — durable referrals accepted per second and latency at 50 concurrent
 * connections, next to the disk's fsync rate measured in the same run and directory.
 *
 * 1. Measures fsync/s: a loop of 4 KB write + fsync on a file in a temp DATA_DIR (2 s).
 * 2. Starts the real relay (the CLI, a child process) on that DATA_DIR with its embedded .eml
 *    mailer (the worker writes and fsyncs those files during the run too), rate limit lifted.
 * 3. autocannon: 50 connections POST the fixture referral for DURATION seconds (default 10).
 * 4. Checks every 202 is a row in the outbox (nothing acknowledged and lost), prints the figures.
 * Options: --duration=N, --connections=N, --json (machine-readable output only).
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { closeSync, fsyncSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

// autocannon ships no type declarations: the little used here, typed by hand.
interface AutocannonResult {
  '2xx': number;
  non2xx: number;
  errors: number;
  timeouts: number;
  latency: { p50: number; p99: number; max: number };
}
type Autocannon = (options: { url: string; connections: number; duration: number; method: string; headers: Record<string, string>; body: string }) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const duration = arg('duration', 10);
const connections = arg('connections', 50);
const jsonOnly = process.argv.includes('--json');
const say = (s: string) => {
  if (!jsonOnly) console.log(s);
};

function fsyncRate(dir: string, seconds = 2): number {
  const file = join(dir, 'fsync-probe.bin');
  const fd = openSync(file, 'w');
  const block = Buffer.alloc(4096, 7);
  let n = 0;
  const end = performance.now() + seconds * 1000;
  try {
    while (performance.now() < end) {
      writeSync(fd, block, 0, block.length, (n % 256) * 4096);
      fsyncSync(fd);
      n++;
    }
  } finally {
    closeSync(fd);
    rmSync(file, { force: true });
  }
  return n / seconds;
}

async function startRelay(dataDir: string): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/server/cli.ts'), 'serve'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', DATA_DIR: dataDir, RATE_LIMIT_PER_MINUTE: '1000000', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  const url = await new Promise<string>((resolveUrl, reject) => {
    const onData = (c: Buffer) => {
      out += c.toString();
      const m = /listening on (http:\/\/[\d.:]+)/.exec(out);
      if (m) {
        // From here on the relay's log lines are drained unread (reading them would load this process).
        child.stdout!.off('data', onData);
        child.stdout!.resume();
        resolveUrl(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`relay exited early (${code})`)));
  });
  return {
    url,
    stop: () =>
      new Promise<void>((r) => {
        child.on('exit', () => r());
        child.kill('SIGTERM');
      }),
  };
}

const dataDir = mkdtempSync(join(tmpdir(), 'cme-bench-'));
try {
  const loadBefore = loadavg()[0]!;
  say(`Data directory: ${dataDir}; ${cpus().length} CPUs, 1-minute load average ${loadBefore.toFixed(2)} before the run`);
  say('Measuring the disk fsync rate (2 s)…');
  const fsyncPerSecond = fsyncRate(dataDir);
  say(`  ${fsyncPerSecond.toFixed(0)} fsync/s`);

  const relay = await startRelay(dataDir);
  const body = readFileSync(join(ROOT, 'test/fixtures/referral-valid.json'), 'utf8');
  // Warm up (JIT, SQLite pages) without counting.
  await autocannon({ url: `${relay.url}/api/referrals`, connections: 10, duration: 1, method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const warm = (new Database(join(dataDir, 'outbox.sqlite'), { readonly: true }).prepare('SELECT COUNT(*) AS n FROM referrals').get() as { n: number }).n;

  say(`Load: ${connections} connections × ${duration} s of POST /api/referrals…`);
  const result = await autocannon({
    url: `${relay.url}/api/referrals`,
    connections,
    duration,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  await relay.stop();

  const db = new Database(join(dataDir, 'outbox.sqlite'), { readonly: true });
  const stored = (db.prepare('SELECT COUNT(*) AS n FROM referrals').get() as { n: number }).n - warm;
  db.close();
  const accepted = result['2xx'];
  const acceptedPerSecond = accepted / duration;
  const figures = {
    connections,
    durationSeconds: duration,
    accepted,
    acceptedPerSecond: Math.round(acceptedPerSecond),
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    storedRows: stored,
    fsyncPerSecond: Math.round(fsyncPerSecond),
    acceptedPerFsync: Number((acceptedPerSecond / fsyncPerSecond).toFixed(2)),
    node: process.version,
    cpus: cpus().length,
    loadAverageBefore: Number(loadBefore.toFixed(2)),
  };
  if (jsonOnly) {
    console.log(JSON.stringify(figures));
  } else {
    say('');
    say(`Durable referrals accepted: ${figures.acceptedPerSecond}/s (${accepted} in ${duration} s; ${figures.non2xx} non-2xx, ${figures.errors} errors)`);
    say(`Latency: p50 ${figures.latencyMs.p50} ms, p99 ${figures.latencyMs.p99} ms, max ${figures.latencyMs.max} ms`);
    say(`Disk fsync rate (same directory): ${figures.fsyncPerSecond}/s → accepted/fsync = ${figures.acceptedPerFsync} (goal ≥ 0.8)`);
    // Rows can outnumber counted 202s: requests still in flight when the timer stops are committed but not counted.
    say(`Every 202 is in the outbox: ${stored >= accepted ? `yes (${stored} rows for ${accepted} × 202)` : `NO (${stored} rows for ${accepted} × 202)`}`);
  }
  if (stored < accepted) process.exitCode = 1;
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
