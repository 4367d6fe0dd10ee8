/** Removes the listener it was returned for; calling it twice is harmless. */
export type Unsubscribe = () => void;

/** A tiny typed event emitter: `Events` maps each event name to its payload. */
export interface Emitter<Events extends object> {
  on<K extends keyof Events>(event: K, listener: (payload: Events[K]) => void): Unsubscribe;
  emit<K extends keyof Events>(event: K, payload: Events[K]): void;
}

/**
 * Creates an {@link Emitter}. Listeners run synchronously in the order they were added; one that throws is
 * reported to `onListenerError` and does not stop the others.
 */
export function createEmitter<Events extends object>(
  onListenerError: (error: unknown, event: keyof Events) => void,
): Emitter<Events> {
  const listeners = new Map<keyof Events, Set<(payload: never) => void>>();
  return {
    on(event, listener) {
      let set = listeners.get(event);
      if (set === undefined) {
        set = new Set();
        listeners.set(event, set);
      }
      const entry = listener as (payload: never) => void;
      set.add(entry);
      return () => {
        set.delete(entry);
      };
    },
    emit(event, payload) {
      const set = listeners.get(event);
      if (set === undefined) return;
      for (const listener of [...set]) {
        try {
          (listener as (payload: Events[typeof event]) => void)(payload);
        } catch (error) {
          onListenerError(error, event);
        }
      }
    },
  };
}
