/**
 * The real CLI as a child process: `serve` on its embedded defaults writes .eml files and says
 * where; `requeue-failed` works beside a running relay; a bad variable stops it with its name.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { simpleParser } from 'mailparser';
import { CA_FILE, ROOT, fixture, freePort, health, postReferral, spawnRelay, startSmtp, tempDir, waitFor } from './helpers.js';

const cleanups: (() => Promise<void> | void)[] = [];
after(async () => {
  for (const c of cleanups.reverse()) await c();
});

function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/server/cli.ts'), ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', ...env },
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

describe('cli', () => {
  it('serve: with no SMTP_URL says where the .eml files go and writes one per referral', async () => {
    const dir = tempDir();
    cleanups.push(dir.cleanup);
    const relay = await spawnRelay({ DATA_DIR: dir.path });
    cleanups.push(() => void relay.child.kill('SIGKILL'));
    const mailDir = join(dir.path, 'mail');
    assert.ok(relay.output().includes(`each email is written as an .eml file in ${mailDir}`), relay.output());
    const { status, json } = await postReferral(relay.url, fixture());
    assert.equal(status, 202);
    const file = join(mailDir, `${json.reference}.eml`);
    await waitFor(() => existsSync(file), 10_000, 'the .eml file');
    const mail = await simpleParser(readFileSync(file));
    assert.equal(mail.subject, `CME referral ${json.reference}`);
    assert.equal(mail.messageId, `<${json.reference}@localhost>`);
    assert.equal((mail.to as { value: { address: string }[] }).value[0]!.address, 'cme@worcestershire.gov.uk');
    relay.child.kill('SIGINT');
    assert.equal(await relay.exited, 0);
  });

  it('requeue-failed: puts failed referrals back while the relay runs, and they are delivered', async () => {
    const port = await freePort();
    const dir = tempDir();
    cleanups.push(dir.cleanup);
    const env = {
      DATA_DIR: dir.path,
      SMTP_URL: `smtp://127.0.0.1:${port}`,
      NODE_EXTRA_CA_CERTS: CA_FILE,
      DELIVERY_MAX_ATTEMPTS: '2',
      DELIVERY_RETRY_BASE_MS: '20',
    };
    const relay = await spawnRelay(env);
    cleanups.push(() => void relay.child.kill('SIGKILL'));
    const refs = await Promise.all([1, 2, 3].map(() => postReferral(relay.url, fixture()).then((r) => r.json.reference as string)));
    await waitFor(async () => (await health(relay.url)).queue.failed === 3, 10_000, 'three failed referrals');
    assert.match(relay.output(), /referral delivery failed; kept as failed/);

    const smtp = await startSmtp({ port });
    cleanups.push(() => smtp.close());
    const requeue = await runCli(['requeue-failed'], env);
    assert.equal(requeue.code, 0, requeue.output);
    assert.match(requeue.output, /Re-queued 3 failed referrals/);
    await waitFor(async () => {
      const h = await health(relay.url);
      return h.queue.failed === 0 && h.queue.pending === 0;
    }, 15_000, 'the re-queued referrals to go');
    assert.deepEqual(smtp.messageIds().sort(), refs.map((r) => `<${r}@localhost>`).sort());
    assert.match((await runCli(['requeue-failed'], env)).output, /No failed referrals/);
    relay.child.kill('SIGTERM');
    assert.equal(await relay.exited, 0);
  });

  it('scripts/referral-json-schema.ts writes the JSON Schema of the payload', async () => {
    const dir = tempDir();
    cleanups.push(dir.cleanup);
    const out = join(dir.path, 'dist', 'referral.schema.json');
    const run = await new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/referral-json-schema.ts'), out], { cwd: ROOT });
      let output = '';
      child.stdout.on('data', (c: Buffer) => (output += c.toString()));
      child.stderr.on('data', (c: Buffer) => (output += c.toString()));
      child.on('exit', (code) => resolve({ code, output }));
    });
    assert.equal(run.code, 0, run.output);
    const schema = JSON.parse(readFileSync(out, 'utf8'));
    assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
    assert.equal(schema.title, 'CME referral');
    assert.equal(schema.additionalProperties, false);
    assert.deepEqual(Object.keys(schema.properties), ['safeguarding', 'referrer', 'child', 'parents', 'education', 'vulnerabilities', 'siblings', 'enquiries', 'concerns', 'declaration', 'website']);
    assert.deepEqual(schema.properties.referrer.properties.type.enum, ['school', 'professional', 'parent-carer', 'public']);
  });

  it('stops with the name of a bad variable, and usage for a bad command', async () => {
    const dir = tempDir();
    cleanups.push(dir.cleanup);
    const bad = await runCli(['serve'], { DATA_DIR: dir.path, RATE_LIMIT_PER_MINUTE: 'lots' });
    assert.equal(bad.code, 2);
    assert.match(bad.output, /Invalid environment variable RATE_LIMIT_PER_MINUTE/);
    const usage = await runCli(['frobnicate'], { DATA_DIR: dir.path });
    assert.equal(usage.code, 2);
    assert.match(usage.output, /Usage/);
  });
});
