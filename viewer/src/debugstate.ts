// What the page knows about a run's debugger: the last debug_state the hub relayed, the
// requests it sent and has no answer to yet, and the last refusal's reason. A pure reducer:
// the page never guesses a pause from anything else (no timers, no "it must have resumed"),
// and a state older than the one shown is dropped, so messages out of order cannot flicker.

import type {
  BreakpointWire,
  DebugReplyMessage,
  DebugRequestWire,
  DebugStateWire,
  PlaceWire,
  ResumeCommand,
} from "./protocol";

export interface DebugView {
  readonly run: string | null;
  readonly state: DebugStateWire | null;
  /** Requests sent and not answered yet, by id. */
  readonly pending: ReadonlyMap<number, DebugRequestWire>;
  /** Why the last refused request was refused; cleared by the next request. */
  readonly refusal: string | null;
  readonly nextId: number;
}

/** The outcome of one reply: the request it answers, and whether its result still applies. */
export interface ReplyOutcome {
  readonly view: DebugView;
  readonly request: DebugRequestWire | undefined;
  /** False when the state moved on since the request (its stack/locals are of another pause). */
  readonly fresh: boolean;
}

export const COMMANDS: readonly ResumeCommand[] = ["continue", "next", "step", "return", "pause"];

const DATA_OPS: ReadonlySet<string> = new Set(["stack", "locals", "evaluate"]);

/** Nothing known yet about `run`'s debugger (none may exist). */
export function emptyView(run: string | null): DebugView {
  return { run, state: null, pending: new Map(), refusal: null, nextId: 1 };
}

/**
 * Take in a debug_state. `rev` numbers the debugger's messages (a breakpoint change keeps the
 * `seq` and raises the `rev`): one not newer than the state shown is dropped, so a late or
 * repeated message never shows an older state.
 */
export function receiveState(view: DebugView, state: DebugStateWire): DebugView {
  if (view.state !== null && state.rev <= view.state.rev) return view;
  return { ...view, state };
}

/** Record a request about to be sent; returns the new view and the request's id. */
export function sendRequest(view: DebugView, request: DebugRequestWire): { view: DebugView; id: number } {
  const pending = new Map(view.pending);
  pending.set(view.nextId, request);
  return { view: { ...view, pending, refusal: null, nextId: view.nextId + 1 }, id: view.nextId };
}

/** Take in a debug_reply; replies to requests this view did not send change nothing. */
export function receiveReply(view: DebugView, reply: DebugReplyMessage): ReplyOutcome {
  const request = view.pending.get(reply.id);
  if (request === undefined || reply.run !== view.run) return { view, request: undefined, fresh: false };
  const pending = new Map(view.pending);
  pending.delete(reply.id);
  // Data requests (stack, locals, evaluate) show their refusal where their data would be.
  const shown = reply.accepted || DATA_OPS.has(request.op);
  const refusal = shown ? view.refusal : reply.reason || "The debugger refused the request.";
  const seq = "seq" in request ? request.seq : null;
  const fresh = seq === null || seq === view.state?.seq;
  return { view: { ...view, pending, refusal }, request, fresh };
}

/** The link to the hub was lost: no answer will come to what was sent, say so once. */
export function dropPending(view: DebugView, reason: string): DebugView {
  if (view.pending.size === 0) return view;
  return { ...view, pending: new Map(), refusal: reason };
}

/** The paused place, when the debugger is paused. */
export function pausedAt(view: DebugView): PlaceWire | null {
  return view.state?.phase === "paused" ? view.state.place : null;
}

/** Whether a command sent for the shown state still waits for its answer. */
export function commandPending(view: DebugView): boolean {
  const seq = view.state?.seq;
  for (const request of view.pending.values()) if (request.op === "command" && request.seq === seq) return true;
  return false;
}

/**
 * Which commands apply now: the resumes and steps while paused, pause while running or
 * stepping, nothing while a command for this state is unanswered or the run is not live.
 */
export function available(view: DebugView, live: boolean): Record<ResumeCommand, boolean> {
  const phase = view.state?.phase;
  const idle = live && !commandPending(view);
  const paused = idle && phase === "paused";
  const running = idle && (phase === "running" || phase === "stepping");
  return { continue: paused, next: paused, step: paused, return: paused, pause: running };
}

/** The line breakpoints of one file, as the debugger holds them. */
export function breakpointsIn(view: DebugView, file: string): BreakpointWire[] {
  return (view.state?.breakpoints ?? []).filter((bp) => bp.file === file && bp.line !== null);
}

/** One line saying what the debugger is doing, for the status line. */
export function describe(view: DebugView, live: boolean): string {
  const state = view.state;
  if (state === null) return live ? "No debugger state yet." : "";
  // A program that died without saying so (killed, its link lost) cannot be commanded.
  if (!live && state.phase !== "ended") return "The run is over; its debugger cannot be reached.";
  const place = state.place;
  switch (state.phase) {
    case "paused":
      if (place === null) return "Paused.";
      return `Paused (${place.reason}) at ${baseName(place.file)}:${place.line} in ${place.function}` +
        (place.detail ? ` — ${place.detail}` : "") +
        (place.thread_name ? ` [${place.thread_name}]` : "");
    case "pausing":
      return "Pausing…";
    case "stepping":
      return `Stepping (${state.step ?? "step"})…`;
    case "ended":
      return "The program ended.";
    default:
      return state.waiting > 0 ? `Running (${state.waiting} waiting)` : "Running";
  }
}

/** A path's last component. */
export function baseName(path: string): string {
  const cut = Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\"));
  return path.slice(cut + 1);
}
