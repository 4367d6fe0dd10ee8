// Builds the test guests into dist/<name>.wasm, skipping any whose fingerprint matches its recorded stamp.
// Usage: node scripts/build.mjs [--force] [name…]
// Each guest builds in its own child process (build-guest.mjs), as many at once as there are cores.
import { fork } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { DIST, findGuest, fingerprint, GUESTS, ROOT } from './guests.mjs';

const CHILD = join(ROOT, 'scripts/build-guest.mjs');
const NAME_WIDTH = Math.max(...GUESTS.map((g) => g.name.length));

const args = process.argv.slice(2);
const force = args.includes('--force');
const selected = args.filter((a) => !a.startsWith('--')).map(findGuest);
const guests = selected.length > 0 ? selected : GUESTS;

function size(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
}

function duration(ms) {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function line(name, status, bytes, ms, extra = '') {
  const cols = [
    name.padEnd(NAME_WIDTH),
    status.padEnd(6),
    size(bytes).padStart(10),
    duration(ms).padStart(7),
  ];
  console.log(`  ${cols.join('  ')}${extra ? `  (${extra})` : ''}`);
}

/** Runs build-guest.mjs for one guest; resolves with its report, or with its output when it fails. */
function buildInChild(guest, hash) {
  return new Promise((resolve) => {
    const child = fork(CHILD, [guest.name, hash], { silent: true });
    let output = '';
    let report;
    child.stdout.on('data', (d) => {
      output += d;
    });
    child.stderr.on('data', (d) => {
      output += d;
    });
    child.on('message', (m) => {
      report = m;
    });
    child.on('error', (e) => {
      output += `${e.stack ?? e}\n`;
    });
    child.on('close', (code, signal) => {
      const ok = code === 0 && report !== undefined;
      const why = signal ? `killed by ${signal}` : `exit code ${code}`;
      resolve(ok ? { ok, report } : { ok, output: output.trim() || `(no output; ${why})` });
    });
  });
}

async function buildOne({ guest, hash, start }) {
  const result = await buildInChild(guest, hash);
  const ms = performance.now() - start;
  if (!result.ok) {
    console.error(`  ${guest.name.padEnd(NAME_WIDTH)}  FAILED after ${duration(ms)}:`);
    console.error(result.output.replace(/^/gm, '    | '));
    return false;
  }
  const steps = Object.entries(result.report.steps).map(([k, v]) => `${k} ${duration(v)}`);
  line(guest.name, 'built', result.report.bytes, ms, steps.join(', '));
  return true;
}

async function main() {
  const started = performance.now();
  mkdirSync(DIST, { recursive: true });
  const todo = [];
  for (const guest of guests) {
    const start = performance.now();
    const hash = fingerprint(guest);
    const out = join(DIST, `${guest.name}.wasm`);
    const stamp = join(DIST, `${guest.name}.stamp`);
    const recorded = existsSync(stamp) ? readFileSync(stamp, 'utf8').trim() : '';
    if (!force && recorded === hash && existsSync(out)) {
      line(guest.name, 'cached', statSync(out).size, performance.now() - start);
    } else {
      todo.push({ guest, hash, start });
    }
  }

  const failed = [];
  const queue = [...todo];
  const workers = Array.from({ length: Math.min(availableParallelism(), queue.length) }, async () => {
    for (let job = queue.shift(); job; job = queue.shift()) {
      job.start = performance.now();
      if (!(await buildOne(job))) failed.push(job.guest.name);
    }
  });
  await Promise.all(workers);

  const total = duration(performance.now() - started);
  if (failed.length > 0) {
    console.error(
      `\nGuest build failed for ${failed.map((n) => `\`${n}\``).join(', ')} (see above); fix it and run \`npm run build:guests\` again.`,
    );
    process.exitCode = 1;
  } else {
    console.log(
      `  ${guests.length} guests in ${total}: ${todo.length} built, ${guests.length - todo.length} cached`,
    );
  }
}

await main();
