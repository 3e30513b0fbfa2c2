// A web-test-runner plugin that lets browser tests run against the REAL referral relay
// (src/server/cli.ts serve, started by test/support/relay.mjs), and read the emails it writes.
//
// Commands (call them with executeServerCommand from @web/test-runner-commands, or through the
// typed client in ./relay.ts):
//   relay-start {rateLimit?, receipt?}  start a relay for this test session (a free port, a temp DATA_DIR,
//                             ALLOWED_ORIGINS = the test server's origin; no SMTP_URL, so every
//                             email is an .eml file in DATA_DIR/mail). Restarting keeps the port
//                             and the DATA_DIR (the outbox), as a real restart would.
//   relay-stop                SIGTERM, wait for exit (the relay finishes in-flight work)
//   relay-mails               the emails written so far, parsed with mailparser
//   relay-posts               how many POST /api/referrals requests the relay answered, by status
//   relay-clear               delete the emails and reset the request count (the relay keeps running)
//   relay-destroy             stop and delete the DATA_DIR
// Each test session (one test file in one browser) gets its own relay, so Chromium and Firefox
// can run at the same time. All relays are killed when the test run ends.
//
// Browser helpers that need the browser's own protocol (Chromium over CDP only):
//   forced-colors {on}        emulate `forced-colors: active`
//   cdp-autofill {host, id, fields}  Chromium's own address autofill (CDP Autofill.trigger) on
//                             the input with `id` in `host`'s shadow root
//
// It also serves /demo/csp.html with the strict Content-Security-Policy of test/support/csp.mjs.
import { mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { STRICT_CSP } from '../../support/csp.mjs';
import { freePort, startRelay } from '../../support/relay.mjs';

export { STRICT_CSP };
const CSP_PAGES = ['/demo/csp.html'];

export function relayPlugin() {
  /** @type {Map<string, {port: number, dir: string, relay?: Awaited<ReturnType<typeof startRelay>>, posts: Record<string, number>, rateLimit: number}>} */
  const relays = new Map();
  let origins = [];

  async function start(r) {
    if (r.relay) return;
    const relay = await startRelay({
      port: r.port,
      dataDir: r.dir,
      origins,
      rateLimit: r.rateLimit,
      env: { DELIVERY_RETRY_BASE_MS: '200', REFERRER_RECEIPT: r.receipt ? 'true' : 'false' },
      onLine(line) {
        // One JSON log line per request: count the POSTs by status.
        if (!line.startsWith('{')) return;
        try {
          const j = JSON.parse(line);
          if (j.method === 'POST' && j.route === '/api/referrals') r.posts[j.statusCode] = (r.posts[j.statusCode] ?? 0) + 1;
        } catch {
          // not a log line
        }
      },
    });
    r.relay = relay;
    relay.child.on('exit', () => {
      if (r.relay === relay) r.relay = undefined;
    });
  }

  async function stop(r) {
    const relay = r.relay;
    if (!relay) return;
    r.relay = undefined;
    await relay.stop();
  }

  async function mails(r) {
    const dir = join(r.dir, 'mail');
    if (!existsSync(dir)) return [];
    const files = readdirSync(dir).filter((f) => f.endsWith('.eml')).sort();
    return Promise.all(
      files.map(async (file) => {
        const m = await simpleParser(readFileSync(join(dir, file)));
        const json = m.attachments.find((a) => a.contentType.startsWith('application/json'));
        return {
          file,
          subject: m.subject ?? '',
          to: m.to ? [m.to].flat().map((a) => a.text).join(', ') : '',
          from: m.from?.text ?? '',
          replyTo: m.replyTo?.text ?? '',
          messageId: m.messageId ?? '',
          text: m.text ?? '',
          attachment: json ? JSON.parse(json.content.toString('utf8')) : null,
        };
      }),
    );
  }

  return {
    name: 'cme-relay',

    serverStart({ config }) {
      const port = config.port ?? 8000;
      origins = [`http://localhost:${port}`, `http://127.0.0.1:${port}`];
      if (config.hostname && !['localhost', '127.0.0.1'].includes(config.hostname)) origins.push(`http://${config.hostname}:${port}`);
    },

    transform(context) {
      if (CSP_PAGES.includes(context.path)) return { headers: { 'Content-Security-Policy': STRICT_CSP } };
      return undefined;
    },

    async executeCommand({ command, payload, session }) {
      if (command === 'forced-colors' || command === 'cdp-autofill') {
        if (session.browser.type !== 'puppeteer' || !/chrom/i.test(session.browser.name)) return { supported: false };
        const page = session.browser.getPage(session.id);
        // The page's own CDP session: emulation set there lasts until it is turned off.
        const client = page._client();
        if (command === 'forced-colors') {
          await client.send('Emulation.setEmulatedMedia', { features: [{ name: 'forced-colors', value: payload?.on ? 'active' : '' }] });
          return { supported: true };
        }
        const { result } = await client.send('Runtime.evaluate', {
          expression: `document.querySelector(${JSON.stringify(payload.host)}).shadowRoot.getElementById(${JSON.stringify(payload.id)})`,
        });
        const { node } = await client.send('DOM.describeNode', { objectId: result.objectId });
        const { frameTree } = await client.send('Page.getFrameTree');
        await client.send('Autofill.trigger', { fieldId: node.backendNodeId, frameId: frameTree.frame.id, address: { fields: payload.fields } });
        return { supported: true };
      }
      if (!command.startsWith('relay-')) return undefined;
      let r = relays.get(session.id);
      if (command === 'relay-start') {
        if (!r) {
          r = { port: await freePort(), dir: mkdtempSync(join(tmpdir(), 'cme-relay-test-')), posts: {}, rateLimit: 1000 };
          relays.set(session.id, r);
        }
        if (payload?.rateLimit && payload.rateLimit !== r.rateLimit) {
          await stop(r);
          r.rateLimit = payload.rateLimit;
        }
        // {receipt: true}: REFERRER_RECEIPT=true (the referrer gets a receipt; the 202 says so).
        if (payload && 'receipt' in payload && !!payload.receipt !== !!r.receipt) {
          await stop(r);
          r.receipt = !!payload.receipt;
        }
        await start(r);
        return { endpoint: `http://127.0.0.1:${r.port}/api/referrals`, port: r.port };
      }
      if (!r) throw new Error(`${command}: call relay-start first`);
      if (command === 'relay-stop') return stop(r).then(() => true);
      if (command === 'relay-mails') return mails(r);
      if (command === 'relay-posts') return r.posts;
      if (command === 'relay-clear') {
        const dir = join(r.dir, 'mail');
        if (existsSync(dir)) for (const f of readdirSync(dir)) unlinkSync(join(dir, f));
        r.posts = {};
        return true;
      }
      if (command === 'relay-destroy') {
        await stop(r);
        rmSync(r.dir, { recursive: true, force: true });
        relays.delete(session.id);
        return true;
      }
      throw new Error(`unknown command ${command}`);
    },

    async serverStop() {
      for (const r of relays.values()) {
        await stop(r);
        rmSync(r.dir, { recursive: true, force: true });
      }
      relays.clear();
    },
  };
}
