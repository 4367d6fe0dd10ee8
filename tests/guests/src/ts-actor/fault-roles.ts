// Roles that misbehave for the supervisor to notice: `crasher`, `flaky-health`, `spinner`; and `storer`,
// which runs into the host's storage limits on request.
import { currentTimeMs } from 'airssys:core/host-services@1.0.0';
import { get, set, usage } from 'airssys:core/storage@1.0.0';
import { attempt, fail, must, text, utf8 } from './host.js';
import { fallback, type Role, splitOnce } from './role.js';

/** How long `slow` keeps the instance busy, by the host's clock. */
const SLOW_MS = 50n;
/**
 * Upper bound on `slow`'s work, in rounds of 1000 loop steps, for hosts whose clock stands still during a
 * call (a manual clock); about 1.4 ms a round on the build machine. `Date.now()` is frozen in these guests.
 */
const SLOW_MAX_ROUNDS = 36;

/** Busy for about `SLOW_MS`: loops, reading the host's clock after each round. */
function busy(): number {
  const start = currentTimeMs();
  let x = 1;
  for (let round = 0; round < SLOW_MAX_ROUNDS; round++) {
    for (let i = 0; i < 1000; i++) x = (x * 31 + i) | 0;
    if (currentTimeMs() - start >= SLOW_MS) break;
  }
  return x;
}

/** `crash` traps the instance; `slow` answers `done` after about 50 ms; anything else answers `alive`. */
export function createCrasher(): Role {
  return {
    name: 'crasher',
    description: 'Traps on crash, answers slow after about 50 ms, alive otherwise',
    message(msg) {
      const body = text(msg.payload);
      // An Error instance (not a plain value) is what makes componentize-js trap.
      if (body === 'crash') throw new Error('crash');
      if (body === 'slow') {
        busy();
        return utf8('done');
      }
      return utf8('alive');
    },
  };
}

/** `health` says `unhealthy` once `sick` was handled; the flag lives in the instance, so a restart heals. */
export function createFlakyHealth(): Role {
  let sick = false;
  return {
    name: 'flaky-health',
    description: 'Reports unhealthy after a sick message until it is restarted',
    message(msg) {
      if (text(msg.payload) !== 'sick') return fallback(msg);
      sick = true;
      return utf8('ok');
    },
    health: () => (sick ? 'unhealthy' : 'healthy'),
  };
}

/** `spin` never returns: only the host's deadline ends it. */
export function createSpinner(): Role {
  return {
    name: 'spinner',
    description: 'Loops forever on spin',
    message(msg) {
      if (text(msg.payload) === 'spin') {
        for (;;) {
          // Nothing: a busy loop that only a deadline stops.
        }
      }
      return fallback(msg);
    },
  };
}

/** `put:<k>=<v>`, `get:<k>`, `fill:<n>` (n KiB in `blob/<i>`) and `usage`, reporting the host's refusals. */
export function createStorer(): Role {
  const kib = new Uint8Array(1024).fill(0x61);
  return {
    name: 'storer',
    description: 'Puts, gets and fills storage until the host refuses; reports usage',
    message(msg) {
      const body = text(msg.payload);
      if (body === 'usage') {
        const { bytes, keys } = must(() => usage());
        return utf8(`${bytes} ${keys}`);
      }
      const command = splitOnce(body);
      if (command?.[0] === 'put') {
        const eq = command[1].indexOf('=');
        if (eq < 0) fail({ tag: 'invalid-input', val: 'expected `put:<key>=<value>`' });
        const value = utf8(command[1].slice(eq + 1));
        must(() => set(command[1].slice(0, eq), value));
        return utf8('ok');
      }
      if (command?.[0] === 'get') return must(() => get(command[1])) ?? utf8('missing');
      if (command?.[0] === 'fill') {
        const total = Number.parseInt(command[1], 10) || 0;
        for (let i = 0; i < total; i++) {
          const stored = attempt(() => set(`blob/${i}`, kib));
          if (!stored.ok) return utf8(`stopped at ${i}: ${stored.error.tag}`);
        }
        return utf8(`filled ${total}`);
      }
      return fallback(msg);
    },
  };
}
