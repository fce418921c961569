// The code panel beside the spine: a node's (or the paused frame's) source with its gutter,
// the debug bar, and — while paused — the stack, the locals and the watches. One element, so
// the HUD mounts it in one place. The pause shown is always the debugger's last debug_state:
// a new pause (a new seq) loads its stack once; anything answered for an older seq is dropped.

import type { Connection } from "./connection";
import { BreakpointEditor } from "./bpeditor";
import { CodeView } from "./codepanel";
import { commandForKey, DebugBar } from "./debugbar";
import type { DebugClient } from "./debugclient";
import { available, breakpointsIn, describe, pausedAt, baseName, type DebugView } from "./debugstate";
import { asEvaluation, asLines, asLocals, asStack } from "./debugwire";
import { type ReplayFrame, replayableCalls } from "./linereplay";
import { ReplayBar } from "./replaybar";
import type { FrameWire, LineStatWire, NodeWire, ResumeCommand, SourceResult } from "./protocol";
import { button, el } from "./dom";
import { SourceCache } from "./sourcecache";
import { edited, type SourceRow, sourceRows, specsOf, toggled } from "./sourcemodel";
import { StackList } from "./stacklist";
import { type FetchLocals, VariablesTree } from "./variables";
import { type Evaluate, Watches } from "./watches";

export interface PanelHost {
  /** Whether the run on screen is still running (commands can reach its debugger). */
  live(): boolean;
  openInEditor(file: string, line: number): void;
}

/** What the panel shows: a file, the line whose function is marked, a title. */
interface Target {
  file: string;
  anchor: number | null;
  title: string;
  stats: LineStatWire[] | null;
  /** The spine node shown, when the panel shows a node (not a frame). */
  node: NodeWire | null;
}

/** What the stack and locals say while there is no pause to show. */
function idleNote(view: DebugView): string {
  if (view.state === null) return "No debugger in this run.";
  return view.state.phase === "ended" ? "The program ended." : "Not paused.";
}

export class DebugPanel {
  readonly element: HTMLElement;
  private readonly title: HTMLElement;
  private readonly where: HTMLElement;
  private readonly note: HTMLElement;
  private readonly bar: DebugBar;
  private readonly replay: ReplayBar;
  private readonly focusButton: HTMLButtonElement;
  private replayFrame: ReplayFrame | null = null;
  private linesLoading = false; // one /api/lines request at a time…
  private linesStale = false; // …and one more when the node changed meanwhile
  private readonly code: CodeView;
  private readonly editor: BreakpointEditor;
  private readonly stack: StackList;
  private readonly variables = new VariablesTree();
  private readonly watches = new Watches();
  private readonly inspect: HTMLElement;
  private readonly sources: SourceCache;
  private run: string | null = null;
  private target: Target | null = null;
  private loaded: SourceResult | null = null;
  private shownAt = ""; // file:line last scrolled to
  private pauseSeq: number | null = null;
  private frames: FrameWire[] | null = null;
  private frame = 0;
  private idleShown = ""; // what the inspectors say while not paused

  constructor(
    private readonly connection: Connection,
    private readonly client: DebugClient,
    private readonly host: PanelHost,
  ) {
    this.sources = new SourceCache(connection);
    this.element = el("section", "df-codepanel");
    this.element.setAttribute("role", "region");
    this.element.setAttribute("aria-label", "Code panel");
    this.element.hidden = true;
    const head = el("header", "df-cp-head");
    this.title = el("h2", "df-cp-title");
    this.where = el("div", "df-cp-where");
    const names = el("div", "df-cp-names");
    names.append(this.title, this.where);
    const open = button("Open in editor", "df-cp-open", () => this.openInEditor());
    open.setAttribute("aria-keyshortcuts", "O");
    open.title = "Open this file at the line in your editor (O)";
    const close = button("✕", "df-cp-close", () => this.close());
    close.setAttribute("aria-label", "Close the code panel");
    this.focusButton = button("Trace lines", "df-cp-focus", () => void this.toggleFocus());
    this.focusButton.title = "Trace this function's next calls line by line (hits, time, changed locals)";
    this.focusButton.setAttribute("aria-pressed", "false");
    head.append(names, this.focusButton, open, close);
    this.bar = new DebugBar({
      command: (kind) => this.command(kind),
      exceptions: (raised, uncaught) => void this.client.request({ op: "exceptions", raised, uncaught }),
      pauseAll: (on) => void this.client.request({ op: "options", pause_all: on }),
    });
    this.note = el("div", "df-cp-note");
    this.note.setAttribute("role", "status");
    this.code = new CodeView({
      toggle: (line) => this.setBreakpoints(toggled(this.breakpoints(), line)),
      edit: (line) => this.editor.open(line, this.breakpoints().find((bp) => bp.line === line) ?? null),
    });
    this.editor = new BreakpointEditor({
      save: (spec) => this.setBreakpoints(edited(this.breakpoints(), spec)),
      remove: (line) => this.setBreakpoints(specsOf(this.breakpoints()).filter((spec) => spec.line !== line)),
      closed: (line) => this.code.gutter(line)?.focus(),
    });
    this.replay = new ReplayBar((frame) => {
      this.replayFrame = frame;
      this.render();
    });
    const source = el("div", "df-cp-source");
    source.append(this.note, this.replay.element, this.code.element, this.editor.element);
    this.stack = new StackList((frame) => this.pickFrame(frame));
    this.inspect = el("div", "df-cp-inspect");
    const side = el("div", "df-cp-side");
    side.append(this.stack.element, this.watches.element);
    this.inspect.append(side, this.variables.element);
    this.element.append(head, this.bar.element, source, this.inspect);
    this.element.addEventListener("keydown", (event) => {
      const typing = event.target instanceof HTMLInputElement;
      if (!typing && (event.key === "o" || event.key === "O") && !event.ctrlKey && !event.metaKey) this.openInEditor();
    });
    document.addEventListener("keydown", (event) => this.onKey(event));
    client.subscribe((view) => this.onView(view));
    this.clearPause();
  }

  /** Another run is on screen: nothing of the previous one is kept. */
  reset(run: string | null): void {
    if (run === this.run) return;
    this.run = run;
    this.sources.reset(run);
    this.target = null;
    this.loaded = null;
    this.shownAt = "";
    this.element.hidden = true;
    this.replay.close();
    this.client.reset(run);
    this.clearPause();
  }

  /** Show a node's function in its file. */
  openNode(node: NodeWire): void {
    if (node.kind === "mark" || node.file === "") return;
    this.sources.retry(node.file);
    this.setTarget({ file: node.file, anchor: node.line, title: node.function, stats: node.lines, node });
    this.element.hidden = false;
    if (node.lines !== null) void this.loadLines(node);
    this.render();
  }

  /** Show a node and trace its function's next calls line by line. */
  traceNode(node: NodeWire): void {
    this.openNode(node);
    if (this.target?.node?.id === node.id && this.focusButton.getAttribute("aria-pressed") !== "true") {
      void this.toggleFocus();
    }
  }

  /** The run's status changed (live or not): only the debug bar depends on it. */
  refreshBar(): void {
    const view = this.client.view;
    const live = this.host.live();
    this.bar.render({
      enabled: available(view, live),
      present: view.state !== null,
      status: describe(view, live),
      refusal: view.refusal,
      exceptions: view.state?.exceptions ?? null,
      pauseAll: view.state?.pause_all ?? false,
    });
  }

  /** The HUD's spine changed: a shown node's line statistics may have grown. */
  refreshNode(node: NodeWire): void {
    const shown = this.target?.node;
    if (this.target === null || shown?.id !== node.id || node.lines === null) return;
    const grew = totalHits(shown.lines) !== totalHits(node.lines);
    this.target = { ...this.target, stats: node.lines, node };
    if (grew && !this.replay.playing) void this.loadLines(node); // new calls to replay
    this.render();
  }

  // Another file or node: a replay of the previous node ends.
  private setTarget(target: Target): void {
    const previous = this.target;
    this.target = target;
    if (previous === null || target.node?.id !== previous.node?.id) {
      this.focusButton.setAttribute("aria-pressed", "false");
      this.replay.close();
    }
  }

  private async loadLines(node: NodeWire): Promise<void> {
    const run = this.run;
    if (run === null) return;
    if (this.linesLoading) {
      this.linesStale = true;
      return;
    }
    this.linesLoading = true;
    const answer = await this.connection.get("/api/lines", { run, node: String(node.id) });
    this.linesLoading = false;
    if (this.run !== run || this.target?.node?.id !== node.id) return;
    if (this.linesStale) {
      this.linesStale = false;
      void this.loadLines(this.target.node);
    }
    const lines = answer.ok ? asLines(answer.body) : null;
    if (lines === null) {
      this.say(answer.ok ? "The hub's answer was not a line trace." : `No line trace: ${answer.error}`);
      return;
    }
    this.replay.load(replayableCalls(lines));
  }

  // Line tracing of the shown node's function: on or off in the traced process.
  private async toggleFocus(): Promise<void> {
    const node = this.target?.node;
    if (node === undefined || node === null) return;
    const on = this.focusButton.getAttribute("aria-pressed") !== "true";
    const answer = await this.client.request({ op: "focus", function: `${node.file}:${node.function}`, on });
    if (!answer.accepted || this.target?.node?.id !== node.id) return;
    this.focusButton.setAttribute("aria-pressed", String(on));
    this.say(on ? `The next calls of ${node.function} are traced line by line.` : "");
  }

  private onView(view: DebugView): void {
    const place = pausedAt(view);
    const seq = view.state?.seq ?? null;
    if (place !== null && seq !== this.pauseSeq) {
      this.pauseSeq = seq;
      this.frames = null;
      this.frame = 0;
      this.sources.retry(place.file); // a paused place's file is served from now on
      this.setTarget({ file: place.file, anchor: place.line, title: place.function, stats: null, node: null });
      this.element.hidden = false;
      this.showFrame(seq ?? 0, 0, "Loading…");
      void this.loadStack(seq ?? 0);
    } else if (place === null && (this.pauseSeq !== null || this.idleShown !== idleNote(view))) {
      this.pauseSeq = null;
      this.clearPause();
    }
    this.render();
  }

  private clearPause(): void {
    this.frames = null;
    this.frame = 0;
    const note = idleNote(this.client.view);
    this.idleShown = note;
    this.inspect.dataset.paused = "false";
    this.stack.show(null, 0, note);
    this.variables.show(null, note);
    this.watches.show(null, "—");
  }

  private async loadStack(seq: number): Promise<void> {
    const answer = await this.client.request({ op: "stack", seq });
    if (!answer.fresh || seq !== this.pauseSeq) return;
    const stack = answer.accepted ? asStack(answer.result) : null;
    this.frames = stack?.frames ?? null;
    this.stack.show(this.frames, this.frame, answer.accepted ? "The stack could not be read." : answer.reason);
  }

  private pickFrame(frame: FrameWire): void {
    const seq = this.pauseSeq;
    if (seq === null) return;
    this.frame = frame.index;
    this.sources.retry(frame.file);
    this.setTarget({ file: frame.file, anchor: frame.line, title: frame.function, stats: null, node: null });
    this.stack.show(this.frames, this.frame);
    this.showFrame(seq, frame.index, "");
    this.render();
  }

  private showFrame(seq: number, frame: number, stackNote: string): void {
    this.inspect.dataset.paused = "true";
    if (stackNote !== "") this.stack.show(null, frame, stackNote);
    this.variables.show(this.localsOf(seq, frame));
    this.watches.show(this.evaluatorOf(seq, frame));
  }

  private localsOf(seq: number, frame: number): FetchLocals {
    return async (path, offset, limit) => {
      const answer = await this.client.request({ op: "locals", seq, frame, path, offset, limit });
      if (!answer.fresh) return null;
      if (!answer.accepted) return answer.reason;
      return asLocals(answer.result) ?? "The debugger's answer was not a locals listing.";
    };
  }

  private evaluatorOf(seq: number, frame: number): Evaluate {
    return async (expr) => {
      const answer = await this.client.request({ op: "evaluate", seq, frame, expr });
      if (!answer.fresh) return null;
      if (!answer.accepted) return answer.reason;
      return asEvaluation(answer.result) ?? "The debugger's answer was not a value.";
    };
  }

  private command(kind: ResumeCommand): void {
    const view = this.client.view;
    if (view.state === null || !available(view, this.host.live())[kind]) return;
    void this.client.request({ op: "command", kind, seq: view.state.seq });
  }

  private onKey(event: KeyboardEvent): void {
    const kind = commandForKey(event.key, event.shiftKey);
    const phase = this.client.view.state?.phase;
    if (kind === null || phase === undefined || phase === "ended") return;
    event.preventDefault(); // F5 must not reload a page that is debugging
    this.command(kind);
  }

  private breakpoints(): ReturnType<typeof breakpointsIn> {
    return this.target === null ? [] : breakpointsIn(this.client.view, this.target.file);
  }

  private setBreakpoints(breakpoints: ReturnType<typeof specsOf>): void {
    if (this.target === null) return;
    void this.client.request({ op: "set_breakpoints", file: this.target.file, breakpoints });
  }

  private openInEditor(): void {
    const target = this.target;
    if (target !== null) this.host.openInEditor(target.file, this.currentLine() ?? target.anchor ?? 1);
  }

  private close(): void {
    this.editor.close();
    this.element.hidden = true;
  }

  // The selected frame's line, when the shown file is that frame's.
  private currentLine(): number | null {
    const place = pausedAt(this.client.view);
    if (place === null || this.target === null) return null;
    const frame = this.frames?.find((f) => f.index === this.frame) ?? { file: place.file, line: place.line };
    return frame.file === this.target.file ? frame.line : null;
  }

  private render(): void {
    this.refreshBar();
    const target = this.target;
    const node = target?.node ?? null;
    this.focusButton.hidden = node === null || this.client.view.state === null || !this.host.live();
    if (target === null) return;
    this.title.textContent = target.title;
    this.where.textContent = `${baseName(target.file)}${target.anchor === null ? "" : `:${target.anchor}`}`;
    this.where.title = target.file;
    this.element.setAttribute("aria-label", `Code panel: ${baseName(target.file)}`);
    if (this.loaded?.file === target.file) this.draw(this.loaded, false);
    else void this.load(target.file);
  }

  private async load(file: string): Promise<void> {
    const run = this.run;
    this.say(`Loading ${baseName(file)}…`);
    const source = await this.sources.get(file);
    if (this.target?.file !== file || this.run !== run || this.loaded?.file === file) return;
    if (typeof source === "string") {
      this.say(source);
      this.code.load([]);
      return;
    }
    this.say("");
    this.loaded = source;
    this.draw(source, true);
  }

  private draw(source: SourceResult, fresh: boolean): void {
    const target = this.target;
    if (target === null) return;
    const current = this.currentLine();
    const rows: SourceRow[] = sourceRows({
      source,
      anchor: target.anchor,
      current,
      breakpoints: breakpointsIn(this.client.view, source.file),
      stats: target.stats,
      replay: this.replayFrame?.line ?? null,
    });
    if (fresh) this.code.load(rows);
    else this.code.update(rows);
    const line = current ?? this.replayFrame?.line ?? target.anchor ?? 1;
    const at = `${source.file}:${line}`;
    if (fresh || at !== this.shownAt) this.code.reveal(line);
    this.shownAt = at;
  }

  private say(text: string): void {
    if (this.note.textContent !== text) this.note.textContent = text;
    this.note.hidden = text === "";
  }
}

function totalHits(lines: readonly LineStatWire[] | null): number {
  let total = 0;
  for (const stat of lines ?? []) total += stat.hits;
  return total;
}
