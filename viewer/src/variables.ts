// The locals of the picked frame as a lazily expanded tree: expanding a value asks the
// debugger for its children (a `locals` request with the path of keys), a page at a time
// ("show more"). Answers for an earlier pause or frame are dropped, never drawn. What the
// user expanded stays expanded at the next pause (the same path of keys is asked for again).

import { button, el } from "./dom";
import type { LocalsResult, ChildWire } from "./protocol";

/** Asks for one page of children at `path` of the current frame; null when stale or refused. */
export type FetchLocals = (path: string[], offset: number, limit: number) => Promise<LocalsResult | string | null>;

export const PAGE = 50;

export class VariablesTree {
  readonly element: HTMLElement;
  private readonly tree: HTMLUListElement;
  private generation = 0;
  private fetch: FetchLocals | null = null;
  private readonly expanded = new Set<string>(); // paths of keys, joined by NUL

  constructor() {
    this.element = el("section", "df-inspect df-variables");
    this.element.setAttribute("aria-label", "Locals");
    this.tree = el("ul", "df-var-tree");
    this.tree.setAttribute("role", "tree");
    this.tree.setAttribute("aria-label", "Locals");
    this.element.append(el("h3", "df-inspect-title", "Locals"), this.tree);
  }

  /** Show a frame's locals through `fetch` (null: nothing to show, with `note`). */
  show(fetch: FetchLocals | null, note = ""): void {
    this.generation += 1;
    this.fetch = fetch;
    this.tree.replaceChildren(el("li", "df-inspect-empty", fetch === null ? note : "Loading…"));
    if (fetch !== null) void this.fill(this.tree, [], 0, this.generation, true);
  }

  private async fill(list: HTMLUListElement, path: string[], offset: number, generation: number, first: boolean): Promise<void> {
    const fetch = this.fetch;
    if (fetch === null) return;
    const answer = await fetch(path, offset, PAGE);
    if (generation !== this.generation || answer === null) return;
    if (first) list.replaceChildren();
    list.querySelector(":scope > .df-var-more")?.remove();
    if (typeof answer === "string") {
      list.append(el("li", "df-inspect-empty df-var-error", answer));
      return;
    }
    const level = path.length + 1;
    for (const child of answer.children) list.append(this.item(child, [...path, child.key], level, generation));
    if (first && answer.children.length === 0) list.append(el("li", "df-inspect-empty", "(none)"));
    const shown = offset + answer.children.length;
    if (shown < answer.total) {
      const more = el("li", "df-var-more");
      more.setAttribute("role", "none");
      more.append(
        button(`show more (${answer.total - shown} left)`, "df-var-more-button", () => {
          void this.fill(list, path, shown, generation, false);
        }),
      );
      list.append(more);
    }
  }

  private item(variable: ChildWire, path: string[], level: number, generation: number): HTMLLIElement {
    const item = el("li", "df-var");
    item.setAttribute("role", "treeitem");
    item.setAttribute("aria-level", String(level));
    item.dataset.name = variable.name;
    const row = el("div", "df-var-row");
    const name = el("span", "df-var-name", variable.name);
    const type = el("span", "df-var-type", variable.type);
    const value = el("span", "df-var-value", variable.value);
    item.setAttribute("aria-label", `${variable.name}: ${variable.type} = ${variable.value}`);
    if (!variable.expandable) {
      row.append(el("span", "df-var-twisty"), name, type, value);
      item.tabIndex = -1;
      item.append(row);
      return item;
    }
    item.setAttribute("aria-expanded", "false");
    const twisty = button("▸", "df-var-twisty", () => toggle());
    twisty.setAttribute("aria-label", `Expand ${variable.name}`);
    const children = el("ul", "df-var-children");
    children.setAttribute("role", "group");
    children.hidden = true;
    const toggle = (): void => {
      const open = item.getAttribute("aria-expanded") !== "true";
      item.setAttribute("aria-expanded", String(open));
      twisty.textContent = open ? "▾" : "▸";
      twisty.setAttribute("aria-label", `${open ? "Collapse" : "Expand"} ${variable.name}`);
      children.hidden = !open;
      if (open) this.expanded.add(path.join("\0"));
      else this.expanded.delete(path.join("\0"));
      if (open && children.childElementCount === 0) {
        children.append(el("li", "df-inspect-empty", "Loading…"));
        void this.fill(children, path, 0, generation, true);
      }
    };
    row.append(twisty, name, type, value);
    item.append(row, children);
    if (this.expanded.has(path.join("\0"))) toggle();
    return item;
  }
}
