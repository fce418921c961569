// Entry point of the web HUD bundle (app.js): `render(element, connection)`, and a boot step
// that starts the HUD on the hub's page (index.html has <main id="debugflow-hud">).

import "./styles.css";
import { type Connection, HubConnection } from "./connection";
import { Hud } from "./hud";
import { installHooks } from "./hooks";

export type { Connection, ConnectionHandlers, LinkState } from "./connection";
export { HubConnection } from "./connection";
export type * from "./protocol";

/** Draw the HUD into `element`, fed by `connection`; returns the running HUD. */
export function render(element: HTMLElement, connection: Connection): Hud {
  const hud = new Hud(element, connection);
  hud.start();
  return hud;
}

function boot(): void {
  const element = document.getElementById("debugflow-hud");
  if (element === null || element.dataset.autostart === "false") return;
  installHooks(render(element, HubConnection.fromLocation(window.location)));
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", boot);
else boot();
