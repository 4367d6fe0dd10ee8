// `npm run demo`: a host on embedded defaults (./.airssys) running a small shop of components, traced.
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createConsoleLogger } from '@airssys/core';
import { createHost } from '@airssys/host';
import { guestPath } from '@airssys/test-guests';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const tty = process.stdout.isTTY;
const paint = (code: string) => (s: string) => (tty ? `\x1b[${code}m${s}\x1b[0m` : s);
const bold = paint('1');
const dim = paint('2');
const red = paint('31');
const green = paint('32');
const yellow = paint('33');
const t0 = performance.now();
const trace = (what: string) =>
  console.log(`${dim(`${((performance.now() - t0) / 1000).toFixed(3)}s`)}  ${what}`);
const text = (s: string) => new TextEncoder().encode(s);
const decode = (b: Uint8Array) => new TextDecoder().decode(b);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Lay the example manifests out beside a copy of the guest: `trusted/` is trusted by path, `thirdparty/` is not.
const dataDir = resolve('.airssys');
const components = join(dataDir, 'demo');
const place = (name: string, zone: 'trusted' | 'thirdparty') => {
  const dir = join(components, zone, name);
  mkdirSync(dir, { recursive: true });
  copyFileSync(join(root, 'examples', 'shop', name, 'Component.toml'), join(dir, 'Component.toml'));
  copyFileSync(guestPath('ts-actor'), join(dir, 'ts-actor.wasm'));
  return join(dir, 'Component.toml');
};
const zoneOf = (name: string) => (name === 'crasher' ? 'thirdparty' : 'trusted');
const manifests = Object.fromEntries(
  readdirSync(join(root, 'examples', 'shop')).map((name) => [name, place(name, zoneOf(name))]),
) as Record<string, string>;

console.log(bold('airssys demo: a shop of components on one host'));
console.log(dim(`  data: ${dataDir} (storage, approvals, audit log, component cache)`));
trace(
  dim(
    'starting the host; the first run transpiles the guest once (~20 s), later runs load it from the cache',
  ),
);
const host = await createHost({
  dataDir,
  trust: {
    signingKeys: [],
    gitSources: [],
    localPaths: [{ path: `${join(components, 'trusted')}/**` }],
    devMode: false,
  },
  logger: createConsoleLogger({
    level: 'info',
    write: (_level, line) => {
      const at = line.indexOf(': ');
      trace(dim(`log ${line.slice(at + 2)}`));
    },
  }),
});
host.on('component-state', ({ id, to }) => {
  if (to === 'ready' || to === 'failed') trace(`${id} → ${to === 'ready' ? green(to) : red(to)}`);
});
host.on('component-restarted', ({ id, restarts }) =>
  trace(`${id} ${yellow(`restarted by its supervisor (restart #${restarts})`)}`),
);
host.on('approval-pending', ({ record }) => {
  trace(
    `${record.componentId} ${yellow('waits for approval')}: trust ${record.trustLevel}, asks for [${record.requested.join(', ') || 'nothing'}]`,
  );
  setTimeout(() => {
    host.approvals.approve(record.id, { by: 'demo-operator', reason: 'reviewed in the demo' });
    trace(`${record.componentId} approved by demo-operator`);
  }, 200);
});

try {
  console.log(bold('\n1. spawn'));
  for (const name of ['billing', 'order-intake', 'order-log', 'crasher', 'rogue-intake']) {
    const c = await host.spawn(manifests[name]!);
    trace(
      `spawned ${bold(c.id)}: trust ${c.trust}, ${c.isolation}, granted [${c.granted.join(', ') || 'nothing'}]`,
    );
  }

  console.log(bold('\n2. orders: intake → request → billing → reply → publish → subscriber'));
  for (const item of ['book', 'pen', 'lamp']) host.send('acme/order-intake', text(`order:${item}`));
  await sleep(300);
  const seen = decode(await host.request('acme/order-log-subscriber', text('count')));
  trace(`order-log-subscriber has seen ${bold(seen)} order events`);

  console.log(bold('\n3. a crash, and a restart'));
  trace(`thirdparty/crasher says "${decode(await host.request('thirdparty/crasher', text('status')))}"`);
  await host
    .request('thirdparty/crasher', text('crash'))
    .catch((e: Error) => trace(`crash → requester got ${red(e.message)}`));
  await sleep(100);
  trace(
    `thirdparty/crasher says "${decode(await host.request('thirdparty/crasher', text('status')))}" again, same id`,
  );

  console.log(bold('\n4. a component without the capability'));
  await host
    .request('acme/rogue-intake', text('send:acme/billing:free stuff please'))
    .then((r) => trace(`rogue-intake: ${decode(r)}`))
    .catch((e: Error) => trace(`rogue-intake's send was refused: ${red(e.message)}`));
  await host.audit.flush();
  for (const e of host.audit.query({ component: 'acme/rogue-intake', decision: 'denied' })) {
    trace(`audit: ${red('denied')} ${e.action} ${e.resource ?? ''} — ${e.reason}`);
  }

  console.log(bold('\n5. components'));
  for (const c of host.components()) {
    console.log(
      `  ${c.id.padEnd(30)} ${c.state.padEnd(8)} trust ${c.trust.padEnd(8)} ${c.isolation.padEnd(7)} restarts ${c.restarts}`,
    );
  }
  console.log(dim(`  audit log: ${host.audit.path}`));
} finally {
  await host.stop();
  trace('host stopped: mailboxes drained, shutdown called, storage closed, audit flushed');
}
