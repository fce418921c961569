// Click-to-source: ask the hub to open the node's file at its line in the user's editor, say
// how that went, and offer "copy path:line" (useful over SSH, where the editor is elsewhere).

import type { Connection } from "./connection";
import { button, el } from "./dom";
import { sourceRef } from "./format";
import type { NodeWire } from "./protocol";

export class SourcePopup {
  readonly element: HTMLDivElement;
  private readonly message: HTMLDivElement;
  private readonly copyButton: HTMLButtonElement;
  private ref = "";

  constructor(private readonly connection: Connection) {
    this.element = el("div", "df-popup");
    this.element.setAttribute("role", "dialog");
    this.element.setAttribute("aria-label", "Open source");
    this.element.hidden = true;
    this.message = el("div", "df-popup-message");
    this.message.setAttribute("role", "status");
    this.copyButton = button("Copy path:line", "df-copy", () => void this.copy());
    const close = button("✕", "df-popup-close", () => this.hide());
    close.setAttribute("aria-label", "Close");
    this.element.append(this.message, this.copyButton, close);
    this.element.addEventListener("keydown", (event) => {
      if (event.key === "Escape") this.hide();
    });
  }

  /** Open `node`'s source (or a file and line) through the hub; the popup shows at (x, y). */
  async open(node: Pick<NodeWire, "kind" | "file" | "line">, x: number, y: number): Promise<void> {
    this.ref = sourceRef(node);
    this.copyButton.dataset.ref = this.ref;
    this.element.style.transform = `translate(${Math.round(x)}px, ${Math.round(y)}px)`;
    this.element.hidden = false;
    if (node.kind === "mark" || node.file === "") {
      this.say("A manual pulse has no source file.", "info");
      return;
    }
    this.say(`Opening ${this.ref}…`, "info");
    const result = await this.connection.openSource(node.file, node.line);
    if (result.ok) this.say(`Opened ${this.ref} in your editor.`, "ok");
    else this.say(result.error ?? "The editor could not be started.", "error");
  }

  hide(): void {
    this.element.hidden = true;
  }

  private say(text: string, kind: "info" | "ok" | "error"): void {
    this.message.textContent = text;
    this.element.dataset.result = kind;
  }

  private async copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(this.ref);
      this.say(`Copied ${this.ref}`, "ok");
    } catch {
      // No clipboard permission: leave the text selectable instead.
      this.say(this.ref, "info");
      window.getSelection()?.selectAllChildren(this.message);
    }
  }
}
