/** Shared test helpers: temp dirs, a real loopback SMTP server, relay configs, child relays. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { loadConfig, type RelayConfig } from '../../../src/server/config.js';

export const ROOT = resolve(fileURLToPath(import.meta.url), '../../../..');
export const TLS_DIR = join(ROOT, 'test/fixtures/tls');
export const CA_FILE = join(TLS_DIR, 'ca.crt');
export const CA = readFileSync(CA_FILE);
export const FIXTURE: Record<string, unknown> = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/referral-valid.json'), 'utf8'));
/** A day after the fixture's latest date: tests that fix "today" use it. */
export const TODAY = '2026-11-28';

export function fixture(): Record<string, any> {
  return structuredClone(FIXTURE) as Record<string, any>;
}

export function tempDir(prefix = 'cme-relay-'): { path: string; cleanup(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) };
}

export function testConfig(dataDir: string, overrides: Partial<RelayConfig> = {}): RelayConfig {
  // Daily caps lifted: load tests post hundreds from one address (hardening.test.ts sets them).
  return { ...loadConfig({ DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent' }), retryBaseMs: 40, retryMaxMs: 400, dailyLimitPerIp: 1_000_000, dailyLimitTotal: 1_000_000, ...overrides };
}

export async function waitFor<T>(check: () => T | Promise<T>, timeoutMs = 15_000, what = 'condition'): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A port that was free a moment ago (for "the mail server comes up later on this port"). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

export interface Received {
  raw: Buffer;
  /** The Message-ID header, read from the raw message (parsing every message would be slow). */
  messageId: string;
  rcptTo: string[];
  mailFrom: string;
  secure: boolean;
}

/** Parses a received message with mailparser. */
export const parse = (r: Received): Promise<ParsedMail> => simpleParser(r.raw);

export interface TestSmtp {
  port: number;
  url: string;
  received: Received[];
  /** Message-IDs as the server saw them, including a duplicate's. */
  messageIds(): string[];
  close(): Promise<void>;
}

export interface SmtpOptions {
  /** 'starttls' (default): offers STARTTLS with the test CA's certificate; 'none': no TLS; 'implicit': TLS from the first byte. */
  tls?: 'starttls' | 'none' | 'implicit';
  /** Use a self-signed certificate that the test CA did not issue. */
  untrusted?: boolean;
  port?: number;
  /** Delay before accepting each message's data (to catch the relay mid-delivery). */
  delayMs?: number;
  auth?: { user: string; pass: string };
  /** Called when a message's data starts arriving. */
  onDataStart?: () => void;
}

type OnData = NonNullable<ConstructorParameters<typeof SMTPServer>[0]>['onData'];

/** An smtp-server `onData` that keeps each message with its envelope (after `delayMs`, if set). */
export function recordMessages(received: Received[], options: Pick<SmtpOptions, 'onDataStart' | 'delayMs'>): OnData {
  return (stream, session, callback) => {
    options.onDataStart?.();
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => {
      const raw = Buffer.concat(chunks);
      const finish = () => {
        received.push({
          raw,
          messageId: /^Message-ID:\s*(<[^>\r\n]+>)/im.exec(raw.toString('latin1'))?.[1] ?? '',
          rcptTo: session.envelope.rcptTo.map((r) => r.address),
          mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          secure: session.secure,
        });
        callback();
      };
      if (options.delayMs) setTimeout(finish, options.delayMs);
      else finish();
    });
  };
}

export async function startSmtp(options: SmtpOptions = {}): Promise<TestSmtp> {
  const mode = options.tls ?? 'starttls';
  const received: Received[] = [];
  const server = new SMTPServer({
    secure: mode === 'implicit',
    ...(mode === 'none' ? { disabledCommands: ['STARTTLS'] } : {}),
    key: readFileSync(join(TLS_DIR, options.untrusted ? 'untrusted.key' : 'server.key')),
    cert: readFileSync(join(TLS_DIR, options.untrusted ? 'untrusted.crt' : 'server.crt')),
    authOptional: !options.auth,
    ...(options.auth ? { authMethods: ['PLAIN', 'LOGIN'] } : {}),
    onAuth(auth, _session, callback) {
      if (options.auth && auth.username === options.auth.user && auth.password === options.auth.pass) callback(null, { user: auth.username });
      else callback(new Error('Invalid username or password'));
    },
    logger: false,
    closeTimeout: 100,
    size: 10 * 1024 * 1024,
    onData: recordMessages(received, options),
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  server.on('error', () => {});
  const port = (server.server.address() as { port: number }).port;
  return {
    port,
    url: `${mode === 'implicit' ? 'smtps' : 'smtp'}://${options.auth ? `${options.auth.user}:${options.auth.pass}@` : ''}127.0.0.1:${port}`,
    received,
    messageIds: () => received.map((r) => r.messageId),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** Collects log lines in memory (for redaction tests). */
export class LogSink extends Writable {
  lines: string[] = [];
  override _write(chunk: Buffer, _enc: string, cb: () => void): void {
    this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    cb();
  }
  get text(): string {
    return this.lines.join('\n');
  }
}

export interface ChildRelay {
  child: ChildProcess;
  url: string;
  output(): string;
  exited: Promise<number | null>;
}

/** Runs the real CLI (`src/server/cli.ts serve`) in a child process and waits until it listens. */
export async function spawnRelay(env: Record<string, string>, args: string[] = ['serve']): Promise<ChildRelay> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/server/cli.ts'), ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  const url = await Promise.race([
    waitFor(() => /listening on (http:\/\/[\d.:]+)/.exec(out)?.[1], 20_000, 'the child relay to listen'),
    exited.then((code) => {
      throw new Error(`child relay exited (${code}) before listening:\n${out}`);
    }),
  ]);
  return { child, url, output: () => out, exited };
}

export async function postReferral(base: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: any; headers: Headers }> {
  const res = await fetch(`${base}/api/referrals`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status, json, headers: res.headers };
}

export async function health(base: string): Promise<{ ok: boolean; queue: { pending: number; failed: number } }> {
  const res = await fetch(`${base}/api/health`);
  return (await res.json()) as { ok: boolean; queue: { pending: number; failed: number } };
}
