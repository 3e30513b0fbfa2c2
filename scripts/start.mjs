// npm start: the demo (Vite dev server on index.html) and the referral relay on its embedded
// defaults, side by side; /api is proxied from the demo to the relay. Ctrl+C stops both.
import { spawn, spawnSync } from 'node:child_process';

const children = [];
function start(name, cmd, args) {
  const child = spawn(cmd, args, { stdio: 'inherit', env: process.env });
  child.on('exit', (code, signal) => {
    if (stopping) return;
    console.error(`${name} stopped (${signal ?? code}); stopping the rest.`);
    stop(code ?? 1);
  });
  children.push(child);
}

let stopping = false;
function stop(code = 0) {
  stopping = true;
  for (const c of children) c.kill('SIGTERM');
  setTimeout(() => process.exit(code), 2000).unref();
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

// Some demo pages use the built bundle (dist/): build it first (~15 s).
console.log('Building dist/ for the demo pages that use the built bundle…');
if (spawnSync('npm', ['run', '--silent', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] }).status !== 0) {
  console.error('The build failed; the demo pages that use dist/ will not work.');
}

start('relay', 'npx', ['tsx', 'src/server/cli.ts', 'serve']);
start('demo', 'npx', ['vite']);
console.log('\nDemo: http://127.0.0.1:5173/  (relay on http://127.0.0.1:8787, proxied at /api)\n');
