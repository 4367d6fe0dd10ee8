// Roles that talk to other components: `billing` answers requests, `intake` makes them, `subscriber` listens,
// `switchboard` broadcasts, publishes and looks around.
import { broadcast, cancelRequest, publish, request, send } from 'airssys:core/host-messaging@1.0.0';
import { getComponentMetadata, listComponents, log } from 'airssys:core/host-services@1.0.0';
import { set } from 'airssys:core/storage@1.0.0';
import { attempt, describe, fail, must, text, trySet, utf8 } from './host.js';
import { fallback, type Role, splitOnce } from './role.js';

/** Where `intake` sends its orders. */
const BILLING = 'acme/billing';
/** Deadline of every request `intake` makes. */
const REQUEST_TIMEOUT_MS = 1000;

/** A request → `price:<payload bytes × 100>`; a plain message → stored under `last-order`. */
export function createBilling(): Role {
  return {
    name: 'billing',
    description: 'Prices requests at 100 per payload byte; stores the last plain order under `last-order`',
    message(msg) {
      if (msg.correlationId !== undefined) return utf8(`price:${msg.payload.byteLength * 100}`);
      must(() => set('last-order', msg.payload), 'storage ');
      return undefined;
    },
  };
}

/**
 * `order:<item>` asks billing for a price; the reply is published on `orders.created` and stored under
 * `order/<item>`, a failure under `failed/<item>`. Pending requests live in the instance: a restart forgets them.
 */
export function createIntake(): Role {
  const items = new Map<string, string>(); // correlation id → item
  const pending = new Map<string, string>(); // item → correlation id

  function ask(target: string, item: string): undefined {
    const asked = attempt(() => request(target, utf8(item), REQUEST_TIMEOUT_MS));
    if (!asked.ok) {
      trySet(`failed/${item}`, utf8(asked.error.tag));
      log('warn', `request for \`${item}\` to \`${target}\` refused: ${describe(asked.error)}`);
      fail({ tag: 'internal', val: asked.error.tag });
    }
    items.set(asked.value, item);
    pending.set(item, asked.value);
    return undefined;
  }

  return {
    name: 'intake',
    description: 'Asks acme/billing to price each order, publishes priced orders on orders.created',
    message(msg) {
      const command = splitOnce(text(msg.payload));
      if (!command) return fallback(msg);
      const [verb, rest] = command;
      if (verb === 'order') return ask(BILLING, rest);
      if (verb === 'cancel') {
        const id = pending.get(rest);
        if (id === undefined) fail({ tag: 'invalid-input', val: `no pending order \`${rest}\`` });
        const cancelled = attempt(() => cancelRequest(id));
        if (!cancelled.ok) fail({ tag: 'internal', val: cancelled.error.tag });
        return undefined;
      }
      const addressed = verb === 'send' || verb === 'request' ? splitOnce(rest) : undefined;
      if (!addressed) return fallback(msg);
      const [target, body] = addressed;
      if (verb === 'request') return ask(target, body);
      const sent = attempt(() => send(target, utf8(body)));
      if (!sent.ok) fail({ tag: 'internal', val: sent.error.tag });
      return undefined;
    },
    callback(correlationId, outcome) {
      const item = items.get(correlationId);
      if (item === undefined) {
        log('warn', `callback for unknown request \`${correlationId}\` (${outcome.tag})`);
        return;
      }
      items.delete(correlationId);
      if (pending.get(item) === correlationId) pending.delete(item);
      if (outcome.tag === 'err') {
        trySet(`failed/${item}`, utf8(outcome.val.tag));
        log('warn', `order \`${item}\` failed: ${describe(outcome.val)}`);
        return;
      }
      const published = attempt(() => publish('orders.created', utf8(`${item}:${text(outcome.val)}`)));
      must(() => set(`order/${item}`, outcome.val), 'storage ');
      if (!published.ok) fail({ tag: 'internal', val: `publish ${describe(published.error)}` });
    },
  };
}

/** Every message with a topic → `seen/<n>` = `<topic> <payload>` (n from 1); `count` → how many so far. */
export function createSubscriber(): Role {
  let seen = 0;
  return {
    name: 'subscriber',
    description: 'Records every published message it receives under seen/<n>; answers count',
    message(msg) {
      if (msg.topic !== undefined) {
        seen += 1;
        const head = utf8(`${msg.topic} `);
        const line = new Uint8Array(head.byteLength + msg.payload.byteLength);
        line.set(head);
        line.set(msg.payload, head.byteLength);
        must(() => set(`seen/${seen}`, line), 'storage ');
        log('info', `seen #${seen} on \`${msg.topic}\``);
        return undefined;
      }
      if (text(msg.payload) === 'count') return utf8(String(seen));
      return fallback(msg);
    },
  };
}

/**
 * Uses the host imports no other role needs, answering with what the host said:
 * `broadcast:<id>,<id>…:<text>` → `delivered <n>`; `publish:<topic>:<text>` → `published`; `who` → the ids
 * from `list-components`, sorted and joined by `,`; `meta:<id>` → `<name> <version>` or `none`. A refusal comes
 * back as `refused <tag>`.
 */
export function createSwitchboard(): Role {
  const refused = (error: { tag: string }) => utf8(`refused ${error.tag}`);
  return {
    name: 'switchboard',
    description: 'Broadcasts, publishes, lists components and reads their metadata on request',
    message(msg) {
      const body = text(msg.payload);
      if (body === 'who') {
        const ids = listComponents().map((id) => `${id.namespace}/${id.name}`);
        return utf8(ids.sort().join(','));
      }
      const command = splitOnce(body);
      if (command?.[0] === 'meta') {
        const meta = getComponentMetadata(command[1]);
        return utf8(meta === undefined ? 'none' : `${meta.name} ${meta.version}`);
      }
      const rest = command && splitOnce(command[1]);
      if (command?.[0] === 'broadcast' && rest) {
        const sent = attempt(() => broadcast(rest[0].split(','), utf8(rest[1])));
        return sent.ok ? utf8(`delivered ${sent.value}`) : refused(sent.error);
      }
      if (command?.[0] === 'publish' && rest) {
        const sent = attempt(() => publish(rest[0], utf8(rest[1])));
        return sent.ok ? utf8('published') : refused(sent.error);
      }
      return fallback(msg);
    },
  };
}
