// The in-process broker between inline components with trivial JS handlers: fire-and-forget throughput and
// the request/response round trip, each beside a baseline of the bare JS mechanism measured in the same run.
import { createBroker } from '@airssys/broker';
import { emit } from './common.js';
import { median, type Row, timeEach } from './harness.js';

const BATCH = 4096;
const BATCHES = 100;
const RUNS = 5;
const payload = Uint8Array.from({ length: 64 }, (_, i) => i);

const broker = createBroker({ mailboxCapacity: BATCH });
let handled = 0;
let wake: () => void = () => {};
broker.register('bench/sink', () => {
  handled += 1;
  if (handled === BATCH) wake();
});
broker.register('bench/echo', (message) => message.payload);

/** Messages per second of `send` into one mailbox, batch by batch, each batch awaited until handled. */
async function sendThroughput(): Promise<number> {
  const t0 = process.hrtime.bigint();
  for (let b = 0; b < BATCHES; b++) {
    handled = 0;
    const drained = new Promise<void>((resolve) => (wake = resolve));
    for (let i = 0; i < BATCH; i++) {
      if (!broker.send('bench/a', 'bench/sink', payload).ok) throw new Error('a send was refused');
    }
    await drained;
  }
  return (BATCH * BATCHES * 1e9) / Number(process.hrtime.bigint() - t0);
}

/** The same shape with the broker replaced by an array and one `queueMicrotask` drain per batch. */
async function microtaskThroughput(): Promise<number> {
  const queue: Uint8Array[] = [];
  let sink = 0;
  const t0 = process.hrtime.bigint();
  for (let b = 0; b < BATCHES; b++) {
    for (let i = 0; i < BATCH; i++) queue.push(payload);
    await new Promise<void>((resolve) =>
      queueMicrotask(() => {
        for (const item of queue) sink += item.length;
        queue.length = 0;
        resolve();
      }),
    );
  }
  if (sink === 0) throw new Error('nothing was handled');
  return (BATCH * BATCHES * 1e9) / Number(process.hrtime.bigint() - t0);
}

const runs = async (fn: () => Promise<number>) => {
  const values: number[] = [];
  for (let r = 0; r < RUNS; r++) values.push(await fn());
  return median(values);
};

await sendThroughput(); // warm-up
const baselineRate = await runs(microtaskThroughput);
const sendRate = await runs(sendThroughput);

const echo = (bytes: Uint8Array) => bytes;
const microtaskTrip = await timeEach(
  () => new Promise<Uint8Array>((resolve) => queueMicrotask(() => resolve(echo(payload)))),
  20_000,
  2_000,
);
const requestTrip = await timeEach(
  () => broker.request('bench/a', 'bench/echo', payload).reply,
  20_000,
  2_000,
);
const callbackTrip = await timeEach(
  () =>
    new Promise<void>((resolve) => {
      broker.requestWithCallback('bench/a', 'bench/echo', payload, () => resolve());
    }),
  20_000,
  2_000,
);
await broker.close();

const FIRE = 'array + one `queueMicrotask` per batch (baseline)';
const TRIP = '`queueMicrotask` round trip (baseline)';
const fire = 'broker fire-and-forget, inline, 64-byte payload';
const trip = 'broker request/response round trip, inline';
const rows: Row[] = [
  { group: fire, case: FIRE, value: baselineRate, unit: 'ops/s' },
  {
    group: fire,
    case: `\`send\` into one mailbox (batches of ${BATCH}, each awaited)`,
    value: sendRate,
    unit: 'ops/s',
    baseline: FIRE,
    target: '≥ 250 000 msg/s',
  },
  { group: trip, case: TRIP, value: microtaskTrip, unit: 'ns' },
  {
    group: trip,
    case: '`request` → handler returns the reply → promise resolves',
    value: requestTrip,
    unit: 'ns',
    baseline: TRIP,
    target: '≤ 15 µs median',
  },
  {
    group: trip,
    case: '`requestWithCallback` (the path behind `handle-callback`)',
    value: callbackTrip,
    unit: 'ns',
    baseline: TRIP,
    target: '≤ 15 µs median',
  },
];
emit(rows);
