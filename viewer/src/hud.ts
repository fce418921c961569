// The HUD: lays out the panels, routes hub messages through the session, and draws at most
// once per animation frame however many updates arrived (coalesced updates).

import { Animations } from "./animations";
import type { Connection } from "./connection";
import { DebugClient } from "./debugclient";
import { DebugPanel } from "./debugpanel";
import { isDebugMessage } from "./debugwire";
import { button, el } from "./dom";
import { type ExploreHost, Explorer } from "./explore";
import { FocusTracker } from "./focus";
import { HistoryPanel } from "./history";
import { Layout, type Point, rowsInView } from "./layout";
import { FrameMeter } from "./meter";
import { HoverCard } from "./overlay";
import { type NodeLabels, Painter } from "./painter";
import type { PausesMessage, RunInfo } from "./protocol";
import type { Change, RunModel } from "./runmodel";
import { Scroller } from "./scroller";
import { Session } from "./session";
import { SidePanels } from "./sidepanels";
import { SourcePopup } from "./sourcepopup";
import { StatusPanel } from "./statuspanel";
import { Timeline } from "./timeline";
import { GEOMETRY } from "./theme";
import { SpineTree, type TreeSource } from "./tree";

interface Pointer {
  x: number; // in the stage, CSS pixels
  y: number;
}

export class Hud {
  readonly session: Session;
  readonly layout = new Layout();
  readonly anim = new Animations();
  readonly meter = new FrameMeter();
  readonly scroller: Scroller;
  /** Which node the focus zone follows. */
  readonly followed = new FocusTracker();
  /** When each node was first laid out and drawn (Date.now() ms), for latency measurements. */
  readonly appeared = new Map<number, number>();
  drawn = 0;
  hover: number | null = null;
  focus: number | null = null;
  /** Search, jumps, fold and focus, the overview and the details panel. */
  readonly explorer: Explorer;
  /** The column right of the spine where side panels are mounted. */
  readonly side = new SidePanels();
  private readonly root: HTMLElement;
  private readonly stage: HTMLElement;
  private readonly canvas: HTMLCanvasElement;
  private readonly painter: Painter;
  private readonly status = new StatusPanel();
  private readonly history: HistoryPanel;
  private readonly timeline: Timeline;
  private readonly tree: SpineTree;
  private readonly card = new HoverCard();
  private readonly popup: SourcePopup;
  readonly debug: DebugClient;
  private readonly codePanel: DebugPanel;
  private readonly followButton: HTMLButtonElement;
  private readonly notice: HTMLElement;
  private readonly toast: HTMLElement;
  private layoutDirty = false;
  private readonly treeDirty = new Set<number>();
  private newNodes: number[] = [];
  private frameRequested = false;
  private size = { width: 0, height: 0 };
  // The stage's place in the window as of its last resize (read while the layout was fresh),
  // so hovering reads no layout: whatever moves the stage also resizes it (the grid's 1fr row).
  private stageBox = new DOMRect();

  constructor(element: HTMLElement, private readonly connection: Connection) {
    this.root = element;
    this.session = new Session(connection, {
      incompatible: (text) => this.showIncompatible(text),
      runs: (runs) => this.onRuns(runs),
      opened: (model) => this.onOpened(model),
      applied: (model, change) => this.onApplied(model, change),
      error: (text) => this.showToast(text),
    });
    this.canvas = el("canvas", "df-canvas");
    this.canvas.setAttribute("aria-hidden", "true");
    this.painter = new Painter(this.canvas);
    this.stage = el("div", "df-stage");
    const scrollEl = el("div", "df-scroller");
    this.scroller = new Scroller(scrollEl, () => this.schedule());
    this.history = new HistoryPanel({
      open: (run) => this.session.open(run, true),
      followLive: (on) => this.session.setFollowLive(on),
      refresh: () => this.session.refresh(),
    });
    this.timeline = new Timeline({
      seek: (at) => this.session.seek(at),
      play: () => this.session.play(),
      pause: () => this.session.pause(),
      setSpeed: (speed) => this.session.setSpeed(speed),
      goLive: () => this.session.goLive(),
    });
    this.tree = new SpineTree({
      focusNode: (id) => this.onTreeFocus(id),
      openSource: (id) => this.openCode(id),
      openEditor: (id) => this.openSource(id, null),
      traceLines: (id) => this.traceLines(id),
      setCollapsed: (id, collapsed) => this.setCollapsed(id, collapsed),
    }, this.treeSource());
    this.explorer = new Explorer(this.exploreHost(), connection);
    this.popup = new SourcePopup(connection);
    this.debug = new DebugClient(connection);
    this.codePanel = new DebugPanel(connection, this.debug, {
      live: () => this.model?.status?.state === "live",
      openInEditor: (file, line) => this.openInEditor(file, line),
    });
    this.followButton = button("↓ Follow", "df-follow", () => this.scroller.resume());
    this.notice = el("div", "df-notice");
    this.toast = el("div", "df-toast");
    this.toast.setAttribute("role", "alert");
    this.build(scrollEl);
    this.listen(scrollEl);
  }

  /** Connect and start drawing. */
  start(): void {
    this.meter.start();
    this.connection.start({
      message: (message) => {
        if (isDebugMessage(message)) this.debug.handle(message);
        else if (message.type === "pauses") this.onPauses(message);
        else this.session.handle(message);
      },
      state: (state) => {
        if (state === "closed") this.debug.linkLost();
        this.status.renderLink(state);
      },
    });
    this.schedule();
  }

  /** The current run's model, if a run is open. */
  get model(): RunModel | null {
    return this.session.model;
  }

  /** Where a node is drawn, in viewport (client) pixels; undefined when hidden or unknown. */
  nodeRect(id: number): DOMRect | undefined {
    const model = this.model;
    const at = model === null ? undefined : this.layout.center(model, id);
    if (at === undefined) return undefined;
    const box = this.stage.getBoundingClientRect();
    const x = box.left + at.x - this.scroller.left;
    const y = box.top + at.y - this.scroller.top;
    return new DOMRect(x - 8, y - 8, 16, 16);
  }

  /** A node's three text lines as drawn, clipped to its column; undefined when not laid out. */
  labels(id: number): NodeLabels | undefined {
    const model = this.model;
    return model === null ? undefined : this.painter.labels(model, this.layout, id);
  }

  /** Scroll a node into the middle of the view (stops following). */
  reveal(id: number): void {
    const model = this.model;
    const at = model === null ? undefined : this.layout.center(model, id);
    if (at !== undefined) this.scroller.reveal(at);
  }

  private build(scrollEl: HTMLElement): void {
    this.root.classList.add("df-hud");
    this.root.replaceChildren();
    const body = el("div", "df-body");
    const treeBox = el("nav", "df-tree-box");
    treeBox.setAttribute("aria-label", "Spine (keyboard: arrows move, Enter opens the source)");
    treeBox.append(this.tree.element);
    this.stage.append(this.canvas, scrollEl, this.card.element, this.popup.element, this.followButton, this.notice);
    // Right of the spine: the run overview, the code panel (one self-contained element, hidden
    // until a node's source or a pause is shown), then the side panels.
    this.side.add(this.explorer.details.element, true);
    this.side.add(this.history.element);
    body.append(this.stage, this.explorer.overview.element, this.codePanel.element, this.side.element);
    this.root.append(this.status.element, this.explorer.bar.element, body, this.timeline.element, treeBox);
    this.root.append(this.explorer.list.element, this.toast);
    this.setNotice("Waiting for a traced program… run `flow run your_script.py` in this project.");
    new ResizeObserver(() => this.resize()).observe(this.stage);
  }

  private listen(scrollEl: HTMLElement): void {
    scrollEl.addEventListener("pointermove", (event) => this.onPointer(event));
    scrollEl.addEventListener("pointerleave", () => this.setHover(null));
    scrollEl.addEventListener("click", (event) => this.onClick(event));
    scrollEl.addEventListener("contextmenu", (event) => this.onContextMenu(event));
    scrollEl.addEventListener("keydown", (event) => {
      if (event.key === "End") this.scroller.resume();
    });
  }

  private resize(): void {
    const box = this.stage.getBoundingClientRect();
    this.stageBox = box;
    this.size = { width: box.width, height: box.height };
    this.painter.resize(box.width, box.height, window.devicePixelRatio || 1);
    this.layoutDirty = true;
    this.schedule();
  }

  private onRuns(runs: RunInfo[]): void {
    this.history.setRuns(runs);
    this.history.setCurrent(this.model?.runId ?? null);
    this.history.setFollowLive(this.session.followLive);
  }

  private onOpened(model: RunModel): void {
    this.explorer.reset();
    this.layout.build(model);
    this.tree.reset();
    this.anim.clear();
    this.appeared.clear();
    this.treeDirty.clear();
    this.newNodes = [];
    this.hover = null;
    this.focus = null;
    this.popup.hide();
    this.codePanel.reset(model.runId);
    this.timeline.setPauses([]);
    this.followed.reset();
    this.scroller.resume();
    this.history.setCurrent(model.runId);
    this.history.setFollowLive(this.session.followLive);
    this.setNotice("Loading the run…");
    this.schedule();
  }

  private onPauses(message: PausesMessage): void {
    if (message.run !== this.model?.runId) return;
    this.timeline.setPauses(message.pauses);
    this.schedule();
  }

  private onApplied(model: RunModel, change: Change): void {
    if (change.reset) {
      this.tree.reset();
      this.treeDirty.clear();
      this.layoutDirty = true;
    }
    if (change.added.length > 0) {
      this.layoutDirty = true;
      this.newNodes.push(...change.added);
    }
    for (const id of change.touched) {
      this.treeDirty.add(id);
      const node = model.node(id);
      if (node !== undefined) this.codePanel.refreshNode(node);
    }
    this.codePanel.refreshBar();
    this.followed.update(model, change);
    this.anim.add(change, model, performance.now());
    this.schedule();
  }

  private schedule(): void {
    if (this.frameRequested) return;
    this.frameRequested = true;
    requestAnimationFrame((now) => this.frame(now));
  }

  private frame(now: number): void {
    this.frameRequested = false;
    // Every layout value this frame uses is read here, before the frame writes to the page.
    this.scroller.measure();
    const model = this.model;
    if (model !== null) this.commit(model);
    const moving = this.scroller.follow(this.followTarget(model), model?.nodes.length ?? 0, now);
    this.followButton.hidden = this.scroller.following || (model?.nodes.length ?? 0) < 5;
    this.status.render(model?.status ?? null, model?.mode ?? null, model?.at ?? null);
    this.timeline.render(this.session.timeline());
    this.drawn = model === null ? 0 : this.paint(model, now);
    if (model !== null) this.explorer.frame(model, now);
    const carded = (this.hover ?? this.focus) !== null || this.card.visibleNode !== null;
    if (carded && model !== null) this.refreshCard(model);
    // DOM writes last: reading the scroll box or the card's size after them would make the
    // browser lay out the accessible tree's new items there and then, in the middle of a frame.
    if (model !== null) this.flushTree();
    const animating = this.anim.prune(now);
    const live = model?.status?.state === "live" && model.mode === "live";
    if (animating || moving || live || this.treeDirty.size > 0) this.schedule();
  }

  // Apply what arrived since the last frame: layout and appearance times.
  private commit(model: RunModel): void {
    if (this.layoutDirty) this.relayout();
    const stamp = Date.now();
    for (const id of this.newNodes) if (!this.appeared.has(id)) this.appeared.set(id, stamp);
    this.newNodes = [];
    const empty = model.version < 0 ? "Loading the run…" : "Run started — waiting for its first traced call…";
    this.setNotice(model.nodes.length === 0 ? empty : "");
  }

  // The accessible tree holds only the items near the view (tree.ts): bringing it up to date
  // every frame costs a few hundred items at most, however big the run.
  private flushTree(): void {
    this.tree.render(this.treeDirty);
    this.treeDirty.clear();
  }

  private paint(model: RunModel, now: number): number {
    return this.painter.draw({
      model,
      layout: this.layout,
      anim: this.anim,
      view: { left: this.scroller.left, top: this.scroller.top, ...this.size },
      hover: this.hover,
      focus: this.focus,
      focusZone: this.scroller.following && model.nodes.length >= 5,
      now,
      hits: this.explorer.hits,
      hit: this.explorer.cursor.current,
      selected: this.explorer.selected,
    });
  }

  /** Lay the spine out again now: after new nodes, a resize, a fold or a focus. */
  relayout(): void {
    const model = this.model;
    this.layoutDirty = false;
    if (model === null) return;
    this.layout.build(model);
    this.layout.fitColumns(this.size.width, this.layout.columns.length);
    // Room below the last node, so even it can slide up into the focus zone.
    this.scroller.setContentSize(this.layout.width, this.layout.height + this.size.height / 2);
    this.schedule();
  }

  /** Node ids of the rows in view, in every column. */
  visibleNodes(): number[] {
    const [first, end] = rowsInView(this.scroller.top, this.size.height);
    return this.layout.columns.flatMap((ids) => ids.slice(first, end));
  }

  /** Node items in the accessible tree's page right now (it is virtual: a few hundred at most). */
  treeItems(): number {
    return this.tree.size;
  }

  private treeSource(): TreeSource {
    const hud = this;
    return {
      get model() {
        return hud.model;
      },
      layout: this.layout,
      view: () => ({ top: this.scroller.top, height: this.size.height }),
    };
  }

  private exploreHost(): ExploreHost {
    const hud = this;
    return {
      get model() {
        return hud.model;
      },
      layout: this.layout,
      relayout: () => this.relayout(),
      scrollTo: (id) => this.reveal(id),
      visibleNodes: () => this.visibleNodes(),
      markSelected: (id) => this.tree.markSelected(id),
      schedule: () => this.schedule(),
    };
  }

  private followTarget(model: RunModel | null): Point | null {
    const id = this.followed.current;
    return model === null || id === null ? null : (this.layout.center(model, id) ?? null);
  }

  private onPointer(event: PointerEvent): void {
    const box = this.stageBox;
    const x = event.clientX - box.left + this.scroller.left;
    const id = this.layout.hit(x, event.clientY - box.top + this.scroller.top);
    this.setHover(id ?? null);
  }

  private setHover(id: number | null): void {
    if (id === this.hover) return;
    this.hover = id;
    // The card follows in the next frame (refreshCard), not here between two frames.
    this.stage.dataset.hover = id === null ? "" : String(id);
    this.schedule();
  }

  // The card sits beside the node's column, so it never hides the spine it describes.
  private refreshCard(model: RunModel): void {
    const shown = this.hover ?? this.focus;
    const node = shown === null ? undefined : model.node(shown);
    const at = this.nodePoint(shown);
    const column = node === undefined ? undefined : this.layout.column(node.lane);
    const x = column === undefined ? 0 : this.layout.x(column) + this.layout.columnWidth - this.scroller.left;
    this.card.show(model, shown, x, (at?.y ?? 0) - 24, new DOMRect(0, 0, this.size.width, this.size.height));
  }

  private nodePoint(id: number | null): Pointer | null {
    const model = this.model;
    const at = model === null || id === null ? undefined : this.layout.center(model, id);
    return at === undefined ? null : { x: at.x - this.scroller.left, y: at.y - this.scroller.top };
  }

  private onClick(event: MouseEvent): void {
    const box = this.stage.getBoundingClientRect();
    const point = { x: event.clientX - box.left, y: event.clientY - box.top };
    const id = this.layout.hit(point.x + this.scroller.left, point.y + this.scroller.top);
    if (id === undefined) {
      this.popup.hide();
      return;
    }
    this.popup.hide();
    const model = this.model;
    const at = model === null ? undefined : this.layout.center(model, id);
    const onChevron = at !== undefined && point.x + this.scroller.left < at.x - GEOMETRY.radius;
    if (onChevron && model?.children.has(id)) {
      this.explorer.toggleFold(id);
      return;
    }
    this.explorer.select(id);
    this.openCode(id);
  }

  // Right-click on a node: trace its function's lines (the browser's menu elsewhere).
  private onContextMenu(event: MouseEvent): void {
    const box = this.stage.getBoundingClientRect();
    const id = this.layout.hit(event.clientX - box.left + this.scroller.left, event.clientY - box.top + this.scroller.top);
    if (id === undefined) return;
    event.preventDefault();
    this.traceLines(id);
  }

  private traceLines(id: number): void {
    const node = this.model?.node(id);
    if (node !== undefined) this.codePanel.traceNode(node);
  }

  /** Show a node's source in the code panel. */
  private openCode(id: number): void {
    const node = this.model?.node(id);
    if (node !== undefined) this.codePanel.openNode(node);
  }

  // The editor's answer shows in the usual popup, at the stage's top right (beside the panel).
  private openInEditor(file: string, line: number): void {
    const x = Math.max(8, this.size.width - 420);
    void this.popup.open({ kind: "call", file, line }, x, 8);
  }

  private openSource(id: number, point: Pointer | null): void {
    const node = this.model?.node(id);
    const at = point ?? this.nodePoint(id);
    if (node === undefined || at === null) return;
    const x = Math.min(at.x + 12, Math.max(8, this.size.width - 320));
    void this.popup.open(node, x, at.y + 14);
  }

  private onTreeFocus(id: number | null): void {
    this.focus = id;
    this.explorer.select(id);
    if (id !== null) this.reveal(id);
    this.schedule(); // the card follows in that frame
  }

  private setCollapsed(id: number, collapsed: boolean): void {
    this.explorer.setFold(id, collapsed);
  }

  private setNotice(text: string): void {
    if (this.notice.textContent !== text) this.notice.textContent = text;
    this.notice.hidden = text === "";
  }

  private showIncompatible(text: string): void {
    this.root.dataset.incompatible = "true";
    this.setNotice(text);
    this.notice.classList.add("df-notice-error");
  }

  private showToast(text: string): void {
    this.toast.textContent = text;
    this.toast.hidden = false;
    window.setTimeout(() => {
      if (this.toast.textContent === text) this.toast.hidden = true;
    }, 6000);
  }
}
