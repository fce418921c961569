// The page's end of the debugger wire for the run on screen: sends requests through the hub,
// keeps the DebugView (debugstate.ts) in step with what the hub relays, and hands each reply
// to whoever asked. It never changes the pause state by itself: only debug_state does.

import type { Connection } from "./connection";
import type { DebugMessage } from "./debugwire";
import type { DebugRequestWire } from "./protocol";
import { type DebugView, dropPending, emptyView, receiveReply, receiveState, sendRequest } from "./debugstate";

/** A request's answer: accepted or refused (with the reason), and whether it still applies. */
export interface Answer {
  accepted: boolean;
  reason: string;
  result: unknown;
  fresh: boolean;
}

type Waiter = (answer: Answer) => void;

export class DebugClient {
  private current: DebugView = emptyView(null);
  private readonly waiters = new Map<number, Waiter>();
  private readonly listeners: ((view: DebugView) => void)[] = [];

  constructor(private readonly connection: Connection) {}

  get view(): DebugView {
    return this.current;
  }

  /** Call `listener` after every change of the view. */
  subscribe(listener: (view: DebugView) => void): void {
    this.listeners.push(listener);
  }

  /** Another run is on screen: forget the previous one's debugger (its answers are dropped). */
  reset(run: string | null): void {
    if (run === this.current.run) return;
    this.waiters.clear();
    this.set(emptyView(run));
  }

  handle(message: DebugMessage): void {
    if (message.run !== this.current.run) return;
    if (message.type === "debug_state") {
      this.set(receiveState(this.current, message.state));
      return;
    }
    const outcome = receiveReply(this.current, message);
    if (outcome.request === undefined) return;
    const waiter = this.waiters.get(message.id);
    this.waiters.delete(message.id);
    this.set(outcome.view);
    waiter?.({ accepted: message.accepted, reason: message.reason, result: message.result, fresh: outcome.fresh });
  }

  /** The hub connection closed: what was sent will get no answer. */
  linkLost(): void {
    const reason = "The connection to the hub was lost; nothing sent was answered.";
    const waiters = [...this.waiters.values()];
    this.waiters.clear();
    this.set(dropPending(this.current, reason));
    for (const waiter of waiters) waiter({ accepted: false, reason, result: null, fresh: false });
  }

  /** Send a request for the run on screen; resolves with its answer (never, if the run changes). */
  request(request: DebugRequestWire): Promise<Answer> {
    const run = this.current.run;
    if (run === null) return Promise.resolve({ accepted: false, reason: "No run is open.", result: null, fresh: false });
    const sent = sendRequest(this.current, request);
    this.set(sent.view);
    return new Promise((resolve) => {
      this.waiters.set(sent.id, resolve);
      this.connection.send({ type: "debug", run, id: sent.id, request });
    });
  }

  private set(view: DebugView): void {
    this.current = view;
    for (const listener of this.listeners) listener(view);
  }
}
