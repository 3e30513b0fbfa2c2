// Starts the real referral relay (src/server/cli.ts serve) as a child process for tests: the
// browser tests (test/browser/support/relay-plugin.mjs) and the page gates (test/e2e/) both use it.
// With no mail settings the relay writes every email as an .eml file in DATA_DIR/mail.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

// Settings a developer's shell may carry that would send test mail elsewhere or share a store.
const INHERITED_MAIL_AND_STORE = ['SMTP_URL', 'NOTIFY_API_KEY', 'MAIL_TRANSPORT', 'DATABASE_URL', 'DATA_KEY', 'DATA_KEY_PREVIOUS'];

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((done, fail) => {
    const s = createServer();
    s.on('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => done(port));
    });
  });
}

/**
 * Starts a relay and resolves once it listens.
 * @param {object} options
 * @param {number} options.port
 * @param {string} options.dataDir  the relay's DATA_DIR (outbox and mail/)
 * @param {string[]} [options.origins]  ALLOWED_ORIGINS
 * @param {number} [options.rateLimit]  RATE_LIMIT_PER_MINUTE
 * @param {string} [options.logLevel]  LOG_LEVEL (default 'info': one JSON line per request)
 * @param {Record<string, string>} [options.env]  more environment variables
 * @param {(line: string) => void} [options.onLine]  every line the relay prints on stdout
 * @returns {Promise<{ port: number, dataDir: string, child: import('node:child_process').ChildProcess, output: () => string, stop: () => Promise<void> }>}
 */
export async function startRelay({ port, dataDir, origins = [], rateLimit, logLevel = 'info', env = {}, onLine }) {
  const childEnv = { ...process.env };
  for (const name of INHERITED_MAIL_AND_STORE) delete childEnv[name];
  Object.assign(childEnv, {
    HOST: '127.0.0.1',
    PORT: String(port),
    DATA_DIR: dataDir,
    ALLOWED_ORIGINS: origins.join(','),
    LOG_LEVEL: logLevel,
    ...(rateLimit === undefined ? {} : { RATE_LIMIT_PER_MINUTE: String(rateLimit) }),
    ...env,
  });
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/cli.ts', 'serve'], {
    cwd: ROOT,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let partial = '';
  child.stderr.on('data', (d) => (output += d));
  child.stdout.on('data', (d) => {
    output += d;
    const lines = (partial + d).split('\n');
    partial = lines.pop();
    for (const line of lines) onLine?.(line);
  });
  const exited = new Promise((done) => child.once('exit', done));

  await new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`relay did not start in 30 s:\n${output}`)), 30_000);
    const early = (code) => {
      clearTimeout(timer);
      fail(new Error(`relay exited (${code}) before listening:\n${output}`));
    };
    child.once('exit', early);
    // Registered after the listener above, so `output` already holds this chunk.
    const listening = () => {
      if (!output.includes('listening on http://')) return;
      clearTimeout(timer);
      child.off('exit', early);
      child.stdout.off('data', listening);
      done();
    };
    child.stdout.on('data', listening);
  });

  return {
    port,
    dataDir,
    child,
    output: () => output,
    /** SIGTERM (the relay finishes in-flight work), SIGKILL after 10 s; resolves when it has exited. */
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.kill('SIGTERM');
      await exited;
      clearTimeout(kill);
    },
  };
}
