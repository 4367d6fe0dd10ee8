// The quota hot path: one check-and-consume, against a plain counter increment measured in the same run.
import { systemClock } from '@airssys/core';
import { createQuotaLedger } from '@airssys/quota';
import { emit } from './common.js';
import { type Row, timeSync } from './harness.js';

const ITERATIONS = 2_000_000;
const BASELINE = 'plain counter increment (baseline)';
const group = 'quota `tryConsume`';

// Limits no run can reach, so every call takes the allowed path.
const ledger = createQuotaLedger({ clock: systemClock });
ledger.register('bench/a', {
  storage: Number.MAX_SAFE_INTEGER,
  'message-rate': 1e15,
  memory: Number.MAX_SAFE_INTEGER,
});
const quota = ledger.for('bench/a');

let counter = 0;
const baseline = timeSync(() => {
  counter += 1;
}, ITERATIONS);
const capacity = timeSync(() => quota.tryConsume('storage', 1), ITERATIONS);
const rate = timeSync(() => quota.tryConsume('message-rate', 1), ITERATIONS);
let sink = 0;
const clockRead = timeSync(() => {
  sink += systemClock.monotonic();
}, ITERATIONS);
const contract = timeSync(() => ledger.tryConsume('bench/a', 'memory', 1), ITERATIONS);
if (counter === 0 || sink === 0 || quota.usage('storage').used === 0) throw new Error('nothing was consumed');

const target = '≤ 200 ns (0.2 µs)';
const rows: Row[] = [
  { group, case: BASELINE, value: baseline, unit: 'ns' },
  { group, case: 'handle, `storage` (capacity)', value: capacity, unit: 'ns', baseline: BASELINE, target },
  {
    group,
    case: 'handle, `message-rate` (token bucket on systemClock)',
    value: rate,
    unit: 'ns',
    baseline: BASELINE,
    target,
  },
  {
    group,
    case: '`systemClock.monotonic()` alone (part of every rate call)',
    value: clockRead,
    unit: 'ns',
    baseline: BASELINE,
  },
  {
    group,
    case: 'ledger by id, `memory` (QuotaLedger contract, returns a decision)',
    value: contract,
    unit: 'ns',
    baseline: BASELINE,
    target,
  },
];
emit(rows);
