/**
 * The relay's command line.
 *   tsx src/server/cli.ts serve           start the relay (npm run relay)
 *   tsx src/server/cli.ts requeue-failed  put failed referrals back in the queue (npm run relay:requeue);
 *                                         safe while the relay runs: its worker picks them up
 *   tsx src/server/cli.ts open-mail FILE… print .eml files the file transport encrypted with DATA_KEY
 *                                         (or DATA_KEY_PREVIOUS) as plain email, e.g. to open in a mail client
 * Configuration comes from the environment (see config.ts and docs/relay.md).
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { cipherFromConfig } from './crypto.js';
import { buildApp } from './app.js';
import { ConfigError, describeMailTarget, loadConfig, type RelayConfig } from './config.js';
import { createStore, describeStore } from './store/index.js';

function config(): RelayConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`cme relay: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
}

async function serve(): Promise<void> {
  const cfg = config();
  const app = await buildApp(cfg);
  await app.listen({ host: cfg.host, port: cfg.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : cfg.port;
  const host = cfg.host.includes(':') ? `[${cfg.host}]` : cfg.host;
  console.log(`CME referral relay listening on http://${host}:${port}`);
  console.log(describeMailTarget(cfg));
  console.log(`${describeStore(cfg)}; allowed origins: ${cfg.allowedOrigins.join(', ')}`);

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) {
      console.error(`cme relay: ${signal} again, exiting now; queued referrals stay in the outbox.`);
      process.exit(1);
    }
    closing = true;
    console.log(`cme relay: ${signal} received, finishing in-flight work…`);
    app.close().then(
      () => {
        console.log('cme relay: stopped.');
        process.exit(0);
      },
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

async function requeueFailed(): Promise<void> {
  const cfg = config();
  const outbox = await createStore(cfg);
  try {
    const n = await outbox.requeueFailed();
    console.log(n === 0 ? 'No failed referrals to re-queue.' : `Re-queued ${n} failed referral${n === 1 ? '' : 's'}; a running relay sends them within a few seconds.`);
  } finally {
    await outbox.close();
  }
}

function openMail(files: string[]): void {
  const cipher = cipherFromConfig(config());
  if (files.length === 0) {
    console.error('Usage: tsx src/server/cli.ts open-mail DATA_DIR/mail/CME-XXXXXXXX.eml …');
    process.exit(2);
  }
  for (const file of files) {
    try {
      // Each file is bound to its own name (the reference): a renamed file does not open.
      process.stdout.write(cipher.open(readFileSync(file), basename(file)));
    } catch (error) {
      const e = error as { code?: string; name?: string };
      console.error(`cme relay: could not open ${file} (${e.code ?? e.name ?? 'error'}): is DATA_KEY (or DATA_KEY_PREVIOUS) the key it was written with?`);
      process.exitCode = 1;
    }
  }
}

const command = process.argv[2];
if (command === 'serve') {
  serve().catch((error: unknown) => {
    const e = error as { code?: string; name?: string };
    console.error(`cme relay: could not start (${e.code ?? e.name ?? 'error'}).`);
    process.exit(1);
  });
} else if (command === 'requeue-failed') {
  requeueFailed().catch((error: unknown) => {
    const e = error as { code?: string; name?: string };
    console.error(`cme relay: could not re-queue (${e.code ?? e.name ?? 'error'}).`);
    process.exit(1);
  });
} else if (command === 'open-mail') {
  openMail(process.argv.slice(3));
} else {
  console.error('Usage: tsx src/server/cli.ts serve | requeue-failed | open-mail FILE…');
  process.exit(2);
}
