// The accessible mirror of the canvas: an ARIA tree (lanes → nodes) whose items carry each
// node's accessible name (function, state, duration), its values and its state as data
// attributes. Screen readers and tests read what the canvas shows from here, and the keyboard
// walks the spine through it (arrows, Home/End, ←/→ fold, Enter shows the source in the code
// panel, O opens it in the editor, L traces its lines).
//
// The tree is virtual (treewindow.ts): only the items near the view, the focus's ancestors
// and the active item exist, each node item directly in its lane's group with aria-level,
// aria-setsize and aria-posinset saying where it sits in the whole tree. 20,000 items in the
// page cost the browser more style and layout work per frame than everything else the HUD
// does; a few hundred do not. Keyboard focus is a roving tabindex on the active item.

import { accessibleName, argsLine, raisedCall, resultLine, timingText } from "./format";
import { isGhostRun, isPlaceholder, unreachedReason } from "./ghost";
import type { Layout } from "./layout";
import type { NodeWire } from "./protocol";
import type { RunModel } from "./runmodel";
import { type TreeKey, type TreeRow, TreeRows, type TreeView, treeWindow } from "./treewindow";

export interface TreeActions {
  focusNode(id: number | null): void;
  /** Show the node's source in the code panel (Enter). */
  openSource(id: number): void;
  /** Open the node's source in the user's editor (O). */
  openEditor(id: number): void;
  /** Trace the node's function line by line from its next call (L). */
  traceLines(id: number): void;
  setCollapsed(id: number, collapsed: boolean): void;
}

/** What the tree mirrors: the run, the canvas's layout and the part of it in view. */
export interface TreeSource {
  readonly model: RunModel | null;
  readonly layout: Layout;
  view(): TreeView;
}

interface LaneItem {
  item: HTMLLIElement;
  group: HTMLUListElement;
}

export class SpineTree {
  readonly element: HTMLUListElement;
  /** The node items in the page, by node id. */
  private readonly items = new Map<number, HTMLLIElement>();
  private readonly signatures = new Map<number, string>();
  private readonly lanes = new Map<number, LaneItem>();
  /** The item with the roving tabindex and aria-selected (kept in the page wherever it is). */
  private active: TreeKey | null = null;
  /** What the items were last built from: layout revision, view rows, active item. */
  private shown = "";

  constructor(
    private readonly actions: TreeActions,
    private readonly source: TreeSource,
  ) {
    this.element = document.createElement("ul");
    this.element.className = "df-tree";
    this.element.setAttribute("role", "tree");
    this.element.setAttribute("aria-label", "Call spine");
    this.element.tabIndex = 0;
    this.element.addEventListener("keydown", (event) => this.onKey(event));
    this.element.addEventListener("focus", () => this.onTreeFocus());
    this.element.addEventListener("focusin", (event) => this.onFocusIn(event));
  }

  /** Drop every item (a new run, or a snapshot). */
  reset(): void {
    this.element.replaceChildren();
    this.items.clear();
    this.signatures.clear();
    this.lanes.clear();
    this.active = null;
    this.shown = "";
    this.element.tabIndex = 0;
    this.element.setAttribute("aria-label", "Call spine");
  }

  /** Number of node items in the page (tests and benchmarks check it stays small). */
  get size(): number {
    return this.items.size;
  }

  /**
   * Bring the tree up to the layout and the view: make the items near the view, drop the
   * others, and rewrite the text of those whose node changed (`changed`; new items always).
   */
  render(changed: ReadonlySet<number> = new Set()): void {
    const model = this.source.model;
    if (model === null) return;
    const rows = new TreeRows(model, this.source.layout);
    const lanes = treeWindow(rows, this.source.view(), this.activeNode());
    const key = `${this.source.layout.revision}|${this.activeKey()}|${lanes.map(windowKey).join(";")}`;
    if (key === this.shown) {
      this.rewrite(model, changed);
      return;
    }
    this.shown = key;
    this.keepActive(rows);
    const ghost = isGhostRun(model.status);
    const wanted = new Set<number>();
    for (const lane of lanes) for (const row of lane.rows) wanted.add(row.id);
    for (const [id, item] of this.items) {
      if (wanted.has(id)) continue;
      item.remove();
      this.items.delete(id);
      this.signatures.delete(id);
    }
    this.placeLanes(model, lanes);
    for (const lane of lanes) {
      const group = this.lanes.get(lane.lane)?.group;
      if (group === undefined) continue;
      let cursor = group.firstElementChild;
      for (const row of lane.rows) {
        const node = model.node(row.id);
        if (node === undefined) continue;
        const fresh = !this.items.has(row.id);
        const item = this.items.get(row.id) ?? this.createItem(node);
        placeRow(item, row);
        if (fresh || changed.has(row.id)) this.writeText(item, node, ghost);
        if (item === cursor) cursor = cursor.nextElementSibling;
        else group.insertBefore(item, cursor);
      }
    }
    const focused = model.node(this.source.layout.folds.focus ?? -1);
    this.element.setAttribute("aria-label", focused === undefined ? "Call spine" : `Call spine, focused on ${focused.function}`);
    this.markActive();
  }

  /** Mark the selected node (a jump from search or a list) without moving the keyboard. */
  markSelected(id: number | null): void {
    this.active = id === null ? null : { kind: "node", id };
    this.render();
  }

  /** Move keyboard focus to a node's item (from a click on the canvas). */
  focusItem(id: number): void {
    this.moveTo({ kind: "node", id });
  }

  private activeNode(): number | null {
    return this.active?.kind === "node" ? this.active.id : null;
  }

  private activeKey(): string {
    return this.active === null ? "" : `${this.active.kind}${this.active.id}`;
  }

  // The active node folded away or left out of a focus: its nearest listed ancestor (or lane)
  // takes over, and keeps the keyboard if the item had it.
  private keepActive(rows: TreeRows): void {
    const active = this.active;
    if (active === null || rows.position(active) !== undefined) return;
    const model = this.source.model;
    let next: TreeKey | null = null;
    if (active.kind === "node") {
      let parent = model?.node(active.id)?.parent ?? null;
      while (parent !== null && next === null) {
        if (rows.find(parent) !== undefined) next = { kind: "node", id: parent };
        parent = model?.node(parent)?.parent ?? null;
      }
      const lane = model?.node(active.id)?.lane;
      if (next === null && lane !== undefined && rows.layout.column(lane) !== undefined) next = { kind: "lane", id: lane };
    }
    const had = this.element.contains(document.activeElement) && document.activeElement !== this.element;
    this.active = next;
    if (had && next !== null) queueMicrotask(() => this.elementOf(next)?.focus());
  }

  // Lane items: one per laid out column, in column order, each with its group of node items.
  private placeLanes(model: RunModel, lanes: { lane: number }[]): void {
    const wanted = new Set(lanes.map((lane) => lane.lane));
    for (const [id, lane] of this.lanes) {
      if (wanted.has(id)) continue;
      lane.item.remove();
      this.lanes.delete(id);
    }
    let cursor = this.element.firstElementChild;
    lanes.forEach(({ lane: id }, index) => {
      let lane = this.lanes.get(id);
      if (lane === undefined) {
        const item = document.createElement("li");
        item.setAttribute("role", "treeitem");
        item.setAttribute("aria-level", "1");
        item.setAttribute("aria-expanded", "true");
        item.dataset.lane = String(id);
        item.tabIndex = -1;
        const list = document.createElement("ul");
        list.setAttribute("role", "group");
        item.append(list);
        lane = { item, group: list };
        this.lanes.set(id, lane);
      }
      setAttr(lane.item, "aria-label", `lane ${model.lanes[id]?.name ?? id}`);
      setAttr(lane.item, "aria-setsize", String(lanes.length));
      setAttr(lane.item, "aria-posinset", String(index + 1));
      if (lane.item === cursor) cursor = cursor.nextElementSibling;
      else this.element.insertBefore(lane.item, cursor);
    });
  }

  // Roving tabindex and aria-selected on the active item; the tree itself takes the tab stop
  // when there is none.
  private markActive(): void {
    const active = this.active === null ? undefined : this.elementOf(this.active);
    for (const li of this.element.querySelectorAll<HTMLLIElement>("[aria-selected], [tabindex='0']")) {
      if (li === active) continue;
      li.removeAttribute("aria-selected");
      li.tabIndex = -1;
    }
    if (active === undefined) {
      this.element.tabIndex = 0;
      return;
    }
    setAttr(active, "aria-selected", "true");
    active.tabIndex = 0;
    this.element.tabIndex = -1;
  }

  private elementOf(key: TreeKey): HTMLLIElement | undefined {
    return key.kind === "node" ? this.items.get(key.id) : this.lanes.get(key.id)?.item;
  }

  private rewrite(model: RunModel, changed: ReadonlySet<number>): void {
    if (changed.size === 0) return;
    const ghost = isGhostRun(model.status);
    for (const [id, item] of this.items) {
      const node = changed.has(id) ? model.node(id) : undefined;
      if (node !== undefined) this.writeText(item, node, ghost);
    }
  }

  private writeText(item: HTMLLIElement, node: NodeWire, ghost: boolean): void {
    const label = accessibleName(node);
    const args = argsLine(node);
    const result = resultLine(node);
    // DOM writes are what costs: skip items whose text did not change.
    const signature = `${label}\n${args}\n${result}\n${node.state}\n${ghost}`;
    if (this.signatures.get(node.id) === signature) return;
    this.signatures.set(node.id, signature);
    item.setAttribute("aria-label", label);
    item.setAttribute("aria-description", [args, result].filter((s) => s !== "").join(" ; "));
    item.dataset.state = node.state;
    item.dataset.calls = String(node.calls);
    item.dataset.args = args;
    item.dataset.result = result;
    const took = node.sample?.duration;
    if (took !== null && took !== undefined) item.dataset.durationNs = String(took);
    item.dataset.timing = timingText(node);
    const error = raisedCall(node)?.error;
    if (error) item.dataset.error = `${error.type}: ${error.message}`;
    markGhost(item, node, ghost);
  }

  private createItem(node: NodeWire): HTMLLIElement {
    const item = document.createElement("li");
    item.setAttribute("role", "treeitem");
    item.id = `df-node-${node.id}`;
    item.tabIndex = -1;
    item.dataset.node = String(node.id);
    item.dataset.parent = node.parent === null ? "" : String(node.parent);
    item.dataset.function = node.function;
    item.dataset.kind = node.kind;
    item.dataset.source = node.line > 0 ? `${node.file}:${node.line}` : node.file;
    this.items.set(node.id, item);
    return item;
  }

  private onTreeFocus(): void {
    const model = this.source.model;
    if (model === null) return;
    const target = this.active ?? new TreeRows(model, this.source.layout).edge(false);
    if (target !== null && target !== undefined) this.moveTo(target);
  }

  private onFocusIn(event: FocusEvent): void {
    const item = event.target;
    if (!(item instanceof HTMLLIElement)) return;
    const node = item.dataset.node;
    const key: TreeKey = node === undefined ? { kind: "lane", id: Number(item.dataset.lane) } : { kind: "node", id: Number(node) };
    if (this.activeKey() !== `${key.kind}${key.id}`) {
      this.active = key;
      this.markActive();
    }
    this.actions.focusNode(node === undefined ? null : Number(node));
  }

  private onKey(event: KeyboardEvent): void {
    const model = this.source.model;
    const active = this.active;
    if (active === null || model === null) return;
    if (this.handleKey(event.key, active, new TreeRows(model, this.source.layout))) event.preventDefault();
  }

  private handleKey(key: string, active: TreeKey, rows: TreeRows): boolean {
    const node = active.kind === "node" ? active.id : undefined;
    const row = node === undefined ? undefined : rows.describe(node);
    const expanded = active.kind === "lane" ? true : (row?.expanded ?? null);
    switch (key) {
      case "ArrowDown":
        return this.moveTo(rows.step(active, 1));
      case "ArrowUp":
        return this.moveTo(rows.step(active, -1));
      case "Home":
        return this.moveTo(rows.edge(false));
      case "End":
        return this.moveTo(rows.edge(true));
      case "ArrowRight":
        if (expanded === false && node !== undefined) return this.toggle(node, false);
        return expanded === true ? this.moveTo(rows.step(active, 1)) : false;
      case "ArrowLeft":
        // The focus's ancestors stay open: only the focus itself and what is inside it folds.
        if (expanded === true && node !== undefined && !rows.path.includes(node)) return this.toggle(node, true);
        return node === undefined ? false : this.moveTo(rows.parent(node));
      case "Enter":
        if (node !== undefined) this.actions.openSource(node);
        return true;
      case "l":
      case "L":
        if (node !== undefined) this.actions.traceLines(node);
        return node !== undefined;
      case "o":
      case "O":
        if (node !== undefined) this.actions.openEditor(node);
        return node !== undefined;
      default:
        return false;
    }
  }

  // Fold or unfold at once: the layout is rebuilt in setCollapsed, so the items follow now.
  private toggle(id: number, collapse: boolean): boolean {
    this.actions.setCollapsed(id, collapse);
    this.render();
    return true;
  }

  private moveTo(key: TreeKey | undefined | null): boolean {
    if (key === undefined || key === null) return false;
    this.active = key;
    this.render();
    const item = this.elementOf(key);
    if (item === undefined) return false;
    item.focus();
    return true;
  }
}

// What decides the items of a lane: which rows, each with its level, set and fold state.
function windowKey(lane: { lane: number; rows: TreeRow[] }): string {
  const first = lane.rows[0];
  const last = lane.rows[lane.rows.length - 1];
  return `${lane.lane}:${lane.rows.length}:${first?.id ?? ""}:${last?.id ?? ""}`;
}

// A node item's place in the tree (written only when it changed: each write costs a style pass).
function placeRow(item: HTMLLIElement, row: TreeRow): void {
  setAttr(item, "aria-level", String(row.level));
  setAttr(item, "aria-setsize", String(row.setSize));
  setAttr(item, "aria-posinset", String(row.posInSet));
  if (row.expanded === null) item.removeAttribute("aria-expanded");
  else setAttr(item, "aria-expanded", String(row.expanded));
}

function setAttr(item: HTMLElement, name: string, value: string): void {
  if (item.getAttribute(name) !== value) item.setAttribute(name, value);
}

// Ghost runs are marked on every item; never-reached functions also carry their reason.
function markGhost(item: HTMLLIElement, node: NodeWire, ghost: boolean): void {
  if (ghost) item.dataset.ghost = "true";
  else delete item.dataset.ghost;
  if (isPlaceholder(node)) {
    item.dataset.placeholder = "true";
    item.dataset.reason = unreachedReason(node);
  } else {
    delete item.dataset.placeholder;
    delete item.dataset.reason;
  }
}
