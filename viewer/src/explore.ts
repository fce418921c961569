// Finding the call that matters in a big run: search, next exception, the slowest and most
// called lists, fold and focus, the run overview and the details panel, wired to the spine.
// The HUD hands this its frame and its model changes; this hands the HUD back where to scroll
// and what to lay out again (ExploreHost). Keyboard shortcuts are listed in explorebar.ts.

import type { Connection } from "./connection";
import { DetailsPanel } from "./details";
import { ExploreBar } from "./explorebar";
import { JumpList } from "./jumplist";
import type { Layout } from "./layout";
import { OverviewPanel } from "./overview";
import { type RankBy, nextException, rank } from "./rankings";
import type { RunModel } from "./runmodel";
import { HitCursor, type Matcher, matches, parseQuery, treeOrder } from "./search";

export interface ExploreHost {
  readonly model: RunModel | null;
  readonly layout: Layout;
  /** Lay the spine out again now (a fold or the focus changed). */
  relayout(): void;
  /** Scroll the spine so a laid out node is in the middle of the view. */
  scrollTo(id: number): void;
  /** Node ids of the spine's rows in view. */
  visibleNodes(): number[];
  /** Mark a node as the selected one in the accessible tree. */
  markSelected(id: number | null): void;
  /** Ask for a frame. */
  schedule(): void;
}

const REFRESH_MS = 250; // search hits and rankings follow a live run at most this often
const SLOW_MARKED = 5; // the slowest functions marked on the overview

export class Explorer {
  readonly bar: ExploreBar;
  readonly list: JumpList;
  readonly overview: OverviewPanel;
  readonly details: DetailsPanel;
  /** The node shown in the details panel. */
  selected: number | null = null;
  readonly cursor = new HitCursor();
  hits: ReadonlySet<number> = new Set();
  private matcher: Matcher | null = null;
  private order: number[] = [];
  private orderVersion = -1;
  private refreshedVersion = -1;
  private refreshedAt = -Infinity;
  private slow: ReadonlySet<number> = new Set();
  private listKind: "slowest" | "called" = "slowest";
  private foldsDrawn = -1;
  private squeezedKey = "";

  constructor(
    private readonly host: ExploreHost,
    connection: Connection,
  ) {
    this.bar = new ExploreBar({
      search: (text, regex) => this.search(text, regex),
      step: (backwards) => this.step(backwards),
      nextException: (backwards) => this.nextException(backwards),
      openList: (kind) => this.openList(kind),
      foldBelow: (depth) => this.foldBelow(depth),
      crumb: (id) => this.setFocus(id),
    });
    this.list = new JumpList({
      rank: (by) => this.rank(by),
      jump: (id) => this.jump(id),
      closed: () => (this.listKind === "slowest" ? this.bar.slowest : this.bar.called).focus(),
    });
    this.overview = new OverviewPanel({ jump: (id) => this.jump(id) });
    this.details = new DetailsPanel(connection, {
      focus: (id) => this.setFocus(id),
      fold: (id) => this.toggleFold(id),
    });
    window.addEventListener("keydown", (event) => this.onKey(event));
  }

  /** A new run: no selection, no hits, nothing folded by hand. */
  reset(): void {
    this.selected = null;
    this.cursor.clear();
    this.hits = new Set();
    this.orderVersion = -1;
    this.refreshedVersion = -1;
    this.slow = new Set();
    this.squeezedKey = "";
    this.host.layout.folds.clear();
    this.bar.setFoldDepth(null);
    this.bar.setCrumbs([]);
    this.overview.reset();
    this.list.close();
  }

  /** Once per HUD frame: follow the run (throttled), draw the overview, fill the details. */
  frame(model: RunModel, now: number): void {
    if (model.version !== this.refreshedVersion && now - this.refreshedAt >= REFRESH_MS) {
      this.refreshedVersion = model.version;
      this.refreshedAt = now;
      if (this.matcher !== null) this.runSearch(model);
      this.slow = new Set(rank(model, "own", SLOW_MARKED).map((entry) => entry.node));
      this.list.refresh();
    } else if (model.version !== this.refreshedVersion) {
      this.host.schedule(); // come back when the throttle allows
    }
    const folds = this.host.layout.folds;
    if (folds.revision !== this.foldsDrawn) {
      // The overview only depends on which imports nodes are folded (their time is squeezed).
      this.foldsDrawn = folds.revision;
      const squeezed = model.nodes.filter((n) => n?.kind === "imports" && folds.isFolded(n)).map((n) => n.id);
      const key = squeezed.join(",");
      if (key !== this.squeezedKey) {
        this.squeezedKey = key;
        this.overview.dirty = true;
      }
    }
    const visible = this.overview.layout.spanOf(this.host.visibleNodes());
    const marks = { visible, hits: this.hits, selected: this.selected, slow: this.slow };
    this.overview.draw(model, marks, now, (node) => node.kind === "imports" && folds.isFolded(node));
    this.details.show(model, this.selected);
  }

  /** Select a node (a click, the keyboard in the spine); null clears. */
  select(id: number | null): void {
    if (id === this.selected) return;
    this.selected = id;
    this.overview.setCursor(id);
    this.host.schedule();
  }

  /** Fold or unfold one node. */
  setFold(id: number, folded: boolean): void {
    const node = this.host.model?.node(id);
    if (node === undefined) return;
    this.host.layout.folds.set(node, folded);
    this.host.relayout();
  }

  toggleFold(id: number): void {
    const node = this.host.model?.node(id);
    if (node !== undefined) this.setFold(id, !this.host.layout.folds.isFolded(node));
  }

  /** Show only a node's subtree (null: the whole run), with its breadcrumb. */
  setFocus(id: number | null): void {
    const model = this.host.model;
    if (model === null) return;
    const folds = this.host.layout.folds;
    folds.setFocus(id);
    const node = id === null ? undefined : model.node(id);
    if (node !== undefined && folds.isFolded(node)) folds.set(node, false);
    this.bar.setCrumbs(
      folds.breadcrumb((n) => model.node(n)).map((n) => ({ id: n, label: model.node(n)?.function ?? String(n) })),
    );
    this.host.relayout();
    if (id !== null) this.host.scrollTo(id);
    else if (this.selected !== null) this.reveal(this.selected);
  }

  /** Move the spine to a node: unfold what hides it, leave a focus it is outside of, select it. */
  jump(id: number): void {
    this.select(id);
    this.reveal(id);
    this.host.markSelected(id);
  }

  private reveal(id: number): void {
    const model = this.host.model;
    const node = model?.node(id);
    if (model === null || node === undefined) return;
    const folds = this.host.layout.folds;
    const lookup = (n: number) => model.node(n);
    let changed = folds.reveal(node, lookup);
    if (!folds.inFocus(node, lookup)) {
      folds.setFocus(null);
      this.bar.setCrumbs([]);
      changed = true;
    }
    if (changed || this.host.layout.row(id) === undefined) this.host.relayout();
    this.host.scrollTo(id);
  }

  private treeOrder(model: RunModel): number[] {
    if (this.orderVersion !== model.version) {
      this.order = treeOrder(model);
      this.orderVersion = model.version;
    }
    return this.order;
  }

  private search(text: string, regex: boolean): void {
    const query = parseQuery(text, regex);
    if (!query.ok) {
      this.matcher = null;
      this.setHits([]);
      this.bar.setCount(0, 0, query.error, false);
      return;
    }
    this.matcher = query.empty ? null : query.match;
    this.cursor.clear();
    const model = this.host.model;
    if (this.matcher === null || model === null) {
      this.setHits([]);
      this.bar.setCount(0, 0, null, true);
      return;
    }
    this.runSearch(model);
  }

  private runSearch(model: RunModel): void {
    if (this.matcher === null) return;
    this.setHits(matches(model, this.treeOrder(model), this.matcher));
  }

  private setHits(hits: number[]): void {
    this.cursor.setHits(hits);
    this.hits = new Set(hits);
    this.bar.setCount(this.cursor.position, hits.length, null, this.matcher === null);
    this.host.schedule();
  }

  private step(backwards: boolean): void {
    const model = this.host.model;
    if (model === null || this.cursor.hits.length === 0) return;
    const from = this.cursor.current === null ? this.selected : null;
    const id = from === null ? this.cursor.step(backwards) : this.cursor.stepFrom(from, this.treeOrder(model), backwards);
    this.bar.setCount(this.cursor.position, this.cursor.hits.length, null, false);
    if (id !== null) this.jump(id);
  }

  private nextException(backwards: boolean): void {
    const model = this.host.model;
    if (model === null) return;
    const id = nextException(model, this.treeOrder(model), this.selected, backwards);
    if (id !== null) this.jump(id);
  }

  private rank(by: RankBy): ReturnType<typeof rank> {
    const model = this.host.model;
    return model === null ? [] : rank(model, by, 15);
  }

  private openList(kind: "slowest" | "called"): void {
    this.listKind = kind;
    this.list.show(kind);
  }

  private foldBelow(depth: number | null): void {
    const folds = this.host.layout.folds;
    if (depth === null) folds.unfoldAll();
    else folds.foldBelow(depth);
    this.bar.setFoldDepth(depth);
    this.host.relayout();
    if (this.selected !== null) this.reveal(this.selected);
  }

  // Shortcuts work anywhere but in text fields and lists (which use the keys themselves).
  private onKey(event: KeyboardEvent): void {
    const target = event.target as HTMLElement | null;
    const typing = target?.closest("input, select, textarea, [role=dialog]") != null;
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "f" && !event.shiftKey) {
      event.preventDefault();
      this.bar.input.focus();
      this.bar.input.select();
      return;
    }
    if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
    switch (event.key) {
      case "/":
        this.bar.input.focus();
        this.bar.input.select();
        break;
      case "e":
      case "E":
        this.nextException(event.shiftKey);
        break;
      case "s":
        this.openList("slowest");
        break;
      case "m":
        this.openList("called");
        break;
      case "f":
        if (this.selected !== null) this.setFocus(this.selected);
        break;
      case "o":
        this.overview.focus();
        break;
      case "Escape":
        if (this.host.layout.folds.focus === null) return;
        this.setFocus(null);
        break;
      default:
        return;
    }
    event.preventDefault();
  }
}
