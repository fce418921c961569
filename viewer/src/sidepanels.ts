// The column right of the spine that holds the side panels (the details of the selected node,
// the run history, and any panel added later, such as a code panel). One mount point: panels
// are added in order, top to bottom, and share the height.

import { el } from "./dom";

export class SidePanels {
  readonly element: HTMLElement;

  constructor() {
    this.element = el("div", "df-side");
  }

  /** Add a panel below the ones already there; `grow` panels share the spare height. */
  add(panel: HTMLElement, grow = false): void {
    panel.classList.add("df-side-panel");
    if (grow) panel.classList.add("df-side-grow");
    this.element.append(panel);
  }
}
