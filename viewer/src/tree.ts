// The accessible mirror of the canvas: an ARIA tree (lanes → nodes → children) whose items
// carry each node's accessible name (function, state, duration), its values and its state as
// data attributes. Screen readers and tests read what the canvas shows from here, and the
// keyboard walks the spine through it (arrows, Home/End, Enter shows the source in the code
// panel, O opens it in the editor, L traces its lines).

import { accessibleName, argsLine, raisedCall, resultLine, timingText } from "./format";
import { isGhostRun, isPlaceholder, unreachedReason } from "./ghost";
import type { LaneWire, NodeWire } from "./protocol";
import type { RunModel } from "./runmodel";

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

export class SpineTree {
  readonly element: HTMLUListElement;
  private items = new Map<number, HTMLLIElement>();
  private signatures = new Map<number, string>();
  private lanes = new Map<number, HTMLLIElement>();
  private current: HTMLLIElement | null = null;
  private isFolded: (id: number) => boolean = () => false;
  private hiddenByFocus: HTMLElement[] = [];

  constructor(private readonly actions: TreeActions) {
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
    this.current = null;
    this.hiddenByFocus = [];
    this.element.tabIndex = 0;
  }

  /** Bring the items of these nodes up to date, creating new ones in id order. */
  update(model: RunModel, ids: Iterable<number>, isFolded: (id: number) => boolean): void {
    this.isFolded = isFolded;
    for (const lane of model.lanes) if (lane !== undefined) this.updateLane(lane);
    const sorted = [...ids].sort((a, b) => a - b);
    const ghost = isGhostRun(model.status);
    for (const id of sorted) {
      const node = model.node(id);
      if (node !== undefined) this.updateItem(node, isFolded(id), ghost);
    }
  }

  /** Set every expandable item's aria-expanded from the fold state (after a fold changed). */
  syncFolds(isFolded: (id: number) => boolean): void {
    this.isFolded = isFolded;
    for (const [id, item] of this.items) {
      if (!item.hasAttribute("aria-expanded")) continue;
      const expanded = String(!isFolded(id));
      if (item.getAttribute("aria-expanded") !== expanded) item.setAttribute("aria-expanded", expanded);
    }
  }

  /**
   * Reflect a focus: only the focused node's subtree and its ancestors stay in the tree; the
   * siblings along the way and the other lanes are hidden (null: everything shown again).
   */
  setFocusRoot(model: RunModel, id: number | null): void {
    for (const item of this.hiddenByFocus) item.hidden = false;
    this.hiddenByFocus = [];
    const node = id === null ? undefined : model.node(id);
    if (node === undefined) {
      this.element.setAttribute("aria-label", "Call spine");
      return;
    }
    let item = this.items.get(node.id) as HTMLElement | undefined;
    while (item !== undefined && item !== this.element) {
      const list = item.parentElement;
      for (const sibling of list?.children ?? []) {
        if (sibling !== item && sibling instanceof HTMLElement && !sibling.hidden) {
          sibling.hidden = true;
          this.hiddenByFocus.push(sibling);
        }
      }
      item = list?.closest<HTMLElement>("[role=treeitem]") ?? undefined;
    }
    this.element.setAttribute("aria-label", `Call spine, focused on ${node.function}`);
  }

  /** Mark the selected node (a jump from search or a list) without moving the keyboard. */
  markSelected(id: number | null): void {
    for (const li of this.element.querySelectorAll("[aria-selected]")) li.removeAttribute("aria-selected");
    const item = id === null ? undefined : this.items.get(id);
    if (item === undefined) return;
    item.setAttribute("aria-selected", "true");
    if (this.current !== null && this.current !== item) this.current.tabIndex = -1;
    this.current = item;
    item.tabIndex = 0;
    this.element.tabIndex = -1;
  }

  /** Mark one item expanded or collapsed. */
  setExpanded(id: number, expanded: boolean): void {
    const item = this.items.get(id);
    if (item?.hasAttribute("aria-expanded")) item.setAttribute("aria-expanded", String(expanded));
  }

  /** Move keyboard focus to a node's item (from a click on the canvas). */
  focusItem(id: number): void {
    const item = this.items.get(id);
    if (item !== undefined) this.moveTo(item);
  }

  private updateLane(lane: LaneWire): void {
    let item = this.lanes.get(lane.id);
    if (item === undefined) {
      item = document.createElement("li");
      item.setAttribute("role", "treeitem");
      item.setAttribute("aria-level", "1");
      item.setAttribute("aria-expanded", "true");
      item.dataset.lane = String(lane.id);
      item.tabIndex = -1;
      item.append(group());
      this.element.append(item);
      this.lanes.set(lane.id, item);
    }
    item.setAttribute("aria-label", `lane ${lane.name}`);
  }

  private updateItem(node: NodeWire, collapsed: boolean, ghost: boolean): void {
    const item = this.items.get(node.id) ?? this.createItem(node);
    const label = accessibleName(node);
    const args = argsLine(node);
    const result = resultLine(node);
    // DOM writes are what costs on big runs: skip items whose text did not change.
    const signature = `${label}\n${args}\n${result}\n${node.state}\n${ghost}`;
    if (this.signatures.get(node.id) !== signature) {
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
    if (item.hasAttribute("aria-expanded")) item.setAttribute("aria-expanded", String(!collapsed));
  }

  private createItem(node: NodeWire): HTMLLIElement {
    const item = document.createElement("li");
    item.setAttribute("role", "treeitem");
    item.id = `df-node-${node.id}`;
    item.tabIndex = -1;
    item.dataset.node = String(node.id);
    item.dataset.function = node.function;
    item.dataset.kind = node.kind;
    item.dataset.source = node.line > 0 ? `${node.file}:${node.line}` : node.file;
    item.setAttribute("aria-level", String(node.depth + 2));
    this.parentGroup(node).append(item);
    this.items.set(node.id, item);
    return item;
  }

  // Children go into their parent's group (created on the first child, which also makes the
  // parent expandable); roots go into their lane's group.
  private parentGroup(node: NodeWire): HTMLElement {
    const owner = node.parent === null ? this.lanes.get(node.lane) : this.items.get(node.parent);
    if (owner === undefined) return this.element;
    let list = owner.querySelector<HTMLElement>(":scope > [role=group]");
    if (list === null) {
      list = group();
      owner.append(list);
      const folded = node.parent !== null && this.isFolded(node.parent);
      owner.setAttribute("aria-expanded", String(!folded));
    }
    return list;
  }

  private onTreeFocus(): void {
    const first = this.visibleItems()[0];
    if (this.current === null && first !== undefined) this.moveTo(first);
    else this.current?.focus();
  }

  private onFocusIn(event: FocusEvent): void {
    const item = event.target;
    if (!(item instanceof HTMLLIElement)) return;
    this.current = item;
    this.element.tabIndex = -1;
    for (const li of this.element.querySelectorAll("[aria-selected]")) li.removeAttribute("aria-selected");
    item.setAttribute("aria-selected", "true");
    this.actions.focusNode(item.dataset.node === undefined ? null : Number(item.dataset.node));
  }

  private onKey(event: KeyboardEvent): void {
    const item = this.current;
    if (item === null) return;
    const handled = this.handleKey(event.key, item);
    if (handled) event.preventDefault();
  }

  private handleKey(key: string, item: HTMLLIElement): boolean {
    // Listing the visible items reads the whole tree: only the keys that walk it do that.
    const walk = () => {
      const items = this.visibleItems();
      return { items, index: items.indexOf(item) };
    };
    const expanded = item.getAttribute("aria-expanded");
    switch (key) {
      case "ArrowDown": {
        const { items, index } = walk();
        return this.moveTo(items[index + 1]);
      }
      case "ArrowUp": {
        const { items, index } = walk();
        return this.moveTo(items[index - 1]);
      }
      case "Home":
        return this.moveTo(walk().items[0]);
      case "End": {
        const { items } = walk();
        return this.moveTo(items[items.length - 1]);
      }
      case "ArrowRight":
        if (expanded === "false") return this.toggle(item, false);
        return expanded === "true" ? this.moveTo(firstChild(item)) : false;
      case "ArrowLeft":
        if (expanded === "true" && item.dataset.node !== undefined) return this.toggle(item, true);
        return this.moveTo(item.parentElement?.closest<HTMLLIElement>("[role=treeitem]") ?? undefined);
      case "Enter":
        if (item.dataset.node !== undefined) this.actions.openSource(Number(item.dataset.node));
        return true;
      case "l":
      case "L":
        if (item.dataset.node !== undefined) this.actions.traceLines(Number(item.dataset.node));
        return item.dataset.node !== undefined;
      case "o":
      case "O":
        if (item.dataset.node !== undefined) this.actions.openEditor(Number(item.dataset.node));
        return item.dataset.node !== undefined;
      default:
        return false;
    }
  }

  private toggle(item: HTMLLIElement, collapse: boolean): boolean {
    this.actions.setCollapsed(Number(item.dataset.node), collapse);
    item.setAttribute("aria-expanded", String(!collapse));
    return true;
  }

  private moveTo(item: HTMLLIElement | undefined): boolean {
    if (item === undefined) return false;
    if (this.current !== null) this.current.tabIndex = -1;
    item.tabIndex = 0;
    item.focus();
    return true;
  }

  // Items whose ancestors are all expanded, in document (= drawing) order.
  private visibleItems(): HTMLLIElement[] {
    const all = this.element.querySelectorAll<HTMLLIElement>("[role=treeitem]");
    return [...all].filter(
      (li) => li.closest('[aria-expanded="false"] [role=treeitem]') === null && li.closest("[hidden]") === null,
    );
  }
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

// The first shown child item of an expanded item.
function firstChild(item: HTMLLIElement): HTMLLIElement | undefined {
  const list = item.querySelector(":scope > [role=group]");
  for (const child of list?.children ?? []) {
    if (child instanceof HTMLLIElement && !child.hidden) return child;
  }
  return undefined;
}

function group(): HTMLUListElement {
  const list = document.createElement("ul");
  list.setAttribute("role", "group");
  return list;
}
