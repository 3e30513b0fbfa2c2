// Writes dist/relay/: the referral relay as a folder an operator copies to a server without the
// repository. One bundled ES module (src/server and the core it imports, built by esbuild) with
// every npm package left external; a package.json whose dependencies are exactly the packages
// the bundle imports, at the versions package-lock.json pins; `allowScripts` so npm 11 builds
// better-sqlite3's native module; a short README. Run by scripts/build.mjs (npm run build).
import { build } from 'esbuild';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';

// `--out <dir>` builds elsewhere (the deploy test builds into a temporary folder).
const outFlag = process.argv.indexOf('--out');
const OUT = outFlag > 0 ? process.argv[outFlag + 1] : 'dist/relay';
/** Node lines the relay is tested on (test/node/relay/deploy.test.ts runs both). */
const NODE_LINES = ['20', '24'];
const ENGINES = '^20.19.0 || ^24.0.0';
/** Packages whose install script must run (native modules). */
const NATIVE = ['better-sqlite3'];

const root = JSON.parse(readFileSync('package.json', 'utf8'));
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));

rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });

const result = await build({
  entryPoints: ['src/server/cli.ts'],
  outfile: join(OUT, 'relay.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  packages: 'external',
  metafile: true,
  legalComments: 'none',
  sourcemap: false,
  logLevel: 'warning',
  banner: { js: `// CME referral relay ${root.version}, built from cme-widgets. Start: npm start (see README.md).` },
});

// The npm packages the bundle imports: its dependencies (a subpath like zod/mini counts as zod).
const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
const imported = new Set();
for (const output of Object.values(result.metafile.outputs)) {
  for (const { path, external } of output.imports) {
    if (!external || builtins.has(path) || path.startsWith('node:')) continue;
    const parts = path.split('/');
    imported.add(path.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]);
  }
}
const dependencies = {};
for (const name of [...imported].sort()) {
  const version = lock.packages?.[`node_modules/${name}`]?.version;
  if (!version) throw new Error(`build-relay: ${name} is imported by the relay but not in package-lock.json`);
  dependencies[name] = version;
}

const pkg = {
  name: 'cme-referral-relay',
  version: root.version,
  description: 'The CME referral relay: receives referrals from <cme-referral-form> and delivers them to the CME team (SMTP, Microsoft 365 OAuth2, GOV.UK Notify or files).',
  private: true,
  license: root.license,
  type: 'module',
  engines: { node: ENGINES },
  scripts: {
    start: 'node relay.mjs serve',
    'requeue-failed': 'node relay.mjs requeue-failed',
  },
  dependencies,
  allowScripts: Object.fromEntries(NATIVE.filter((n) => n in dependencies).map((n) => [n, true])),
};
writeFileSync(join(OUT, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);

writeFileSync(
  join(OUT, 'README.md'),
  `# CME referral relay ${root.version}

The server side of \`<cme-referral-form>\`: it accepts referrals over HTTPS (behind your reverse
proxy), stores each one durably before answering, and delivers it to the CME team by SMTP
(password or Microsoft 365 / Google OAuth2), GOV.UK Notify, or as \`.eml\` files.

## Install and start

Node.js ${NODE_LINES.join(' or ')} (LTS lines tested: ${NODE_LINES.map((l) => `${l}.x`).join(', ')}); a C++ toolchain
(\`build-essential\`/\`python3\` on Debian and Ubuntu) because better-sqlite3 is compiled on install.

\`\`\`sh
npm install --omit=dev      # compiles better-sqlite3 for this Node: a minute or more
npm start                   # same environment variables as "npm run relay" in the repository
npm run requeue-failed      # puts failed referrals back in the queue (safe while it runs)
\`\`\`

Configuration is by environment variables only (DATA_DIR, CME_TEAM_EMAIL, MAIL_FROM, ALLOWED_ORIGINS,
MAIL_TRANSPORT, SMTP_URL, SMTP_OAUTH_*, NOTIFY_*, DATA_KEY, REFERRER_RECEIPT, ALERT_EMAIL,
METRICS_TOKEN, DATABASE_URL, …). A bad value stops the relay with a message naming the variable.
\`GET /api/health\` answers 200 when all is well and 503 when a referral is stuck or the store cannot be written.

After upgrading Node.js to another major line, run \`npm rebuild better-sqlite3\` here.

The full operator guide (systemd unit, reverse proxy, each transport step by step, the GOV.UK Notify
template texts, backups, monitoring, upgrading) is docs/relay.md in the cme-widgets repository.
`,
);
console.log(`${OUT}: relay.mjs, package.json (${Object.keys(dependencies).length} runtime dependencies), README.md`);
