// Typed event bus: every state change is announced here; journal views, callbacks, the SSE
// stream and the sandbox UI listen instead of being called by the providers.

export interface RecordEvent {
  provider: string;
  /** What the record is: `sms`, `voice`, `call`, `flashcall`, `incoming-sms`… */
  kind: string;
  id: string;
  account: string;
  state: string;
  at: number;
}

export interface SimEvents {
  'record.created': RecordEvent;
  'record.state': RecordEvent & { previous: string };
  'callback.attempt': { deliveryId: string; provider: string; url: string; attempt: number; status?: number; error?: string; at: number };
  'clock.changed': { now: number; mode: string };
  'sim.reset': { at: number };
}

export type EventName = keyof SimEvents;
type Listener<K extends EventName> = (event: SimEvents[K]) => void;

export interface EventBus {
  on<K extends EventName>(name: K, listener: Listener<K>): () => void;
  /** Every event, with its name: for the SSE stream. */
  onAny(listener: (name: EventName, event: SimEvents[EventName]) => void): () => void;
  emit<K extends EventName>(name: K, event: SimEvents[K]): void;
}

export function createEventBus(onError: (err: unknown) => void = () => undefined): EventBus {
  const listeners = new Map<EventName, Set<(event: never) => void>>();
  const any = new Set<(name: EventName, event: SimEvents[EventName]) => void>();
  return {
    on(name, listener) {
      let set = listeners.get(name);
      if (!set) listeners.set(name, (set = new Set()));
      set.add(listener as (event: never) => void);
      return () => set.delete(listener as (event: never) => void);
    },
    onAny(listener) {
      any.add(listener);
      return () => any.delete(listener);
    },
    emit(name, event) {
      const set = listeners.get(name);
      // A failing listener must not break the provider that announced the change.
      if (set) for (const l of set) try { (l as Listener<typeof name>)(event); } catch (err) { onError(err); }
      for (const l of any) try { l(name, event); } catch (err) { onError(err); }
    },
  };
}
