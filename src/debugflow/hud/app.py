"""The render loop: the one thread that touches Dear PyGui and the run's model.

Each turn takes what arrived (hub messages, editor answers, link changes from the link
thread; show/hide/stop orders from signal handlers, which only enqueue), applies it through
the session for at most `INBOX_SLICE` seconds (the rest waits for the next turn), lets the
view draw what changed and renders one frame. It paces itself: up to `active_fps` frames a
second while anything moves, arrives or the pointer moves, `IDLE_FPS` when the picture is
still, `HIDDEN_FPS` while hidden (messages are still applied, so showing is instant).
"""

from __future__ import annotations

import queue
import time
from collections.abc import Callable

import dearpygui.dearpygui as dpg

from debugflow.hud.capture import FrameSaver, StatsWriter, ViewReport
from debugflow.hud.client import Arrival, HubClient, Inbound, LinkChange, SourceOpened
from debugflow.hud.control import Orders, stop_ordered
from debugflow.hud.fonts import Fonts
from debugflow.hud.mirror import Change, RunMirror
from debugflow.hud.session import Session
from debugflow.hud.statusline import StatusLines
from debugflow.hud.view import SpineView
from debugflow.hud.window import HudWindow
from debugflow.protocol.viewer import OpenResult

Clock = Callable[[], float]

IDLE_FPS = 20
HIDDEN_FPS = 5
ACTIVE_FOR = 1.0  # seconds the frame rate stays up after the last thing that moved
INBOX_SLICE = 0.008  # seconds of a frame spent applying what arrived; the rest waits a frame
WAITING = "Waiting for a traced program… run `flow run your_script.py` in this project."
LOST = "Lost the hub"


class HudApp:
    """The desktop HUD of one hub connection, drawn until told to stop."""

    def __init__(
        self,
        window: HudWindow,
        client: HubClient,
        inbox: queue.Queue[Inbound],
        orders: Orders,
        fonts: Fonts,
        lines: StatusLines,
        clock: Clock = time.monotonic,
    ) -> None:
        self.window = window
        self.client = client
        self.inbox = inbox
        self.orders = orders
        self.fonts = fonts
        self.lines = lines
        self.clock = clock
        self.session = Session(client.send, self)
        self.view = SpineView(window, fonts, clock)
        self.view.notice = WAITING
        self.active_fps = 60.0
        self.frames: FrameSaver | None = None
        self.stats: StatsWriter | None = None
        self._active_until = 0.0
        self._running = True
        self._ready = False
        self._link_down = False
        self._arriving_at = 0.0  # when the message being applied arrived
        self._listen()

    # ---- SessionEvents ----

    def incompatible(self, text: str) -> None:
        """The hub speaks another protocol: say so, in the window and to the sentinel."""
        self.view.notice = text[:1].upper() + text[1:] + "."
        self.lines.error(text)

    def opened(self, mirror: RunMirror) -> None:
        """A new run opened."""
        self.view.open(mirror)
        self.view.notice = "Loading the run…"
        if self.stats is not None:
            self.stats.forget()

    def applied(self, mirror: RunMirror, change: Change) -> None:
        """A snapshot or patch of the open run arrived."""
        self.view.applied(mirror, change)
        self.view.notice = "" if mirror.nodes else "Run started — waiting for its first call…"
        if self.stats is not None:
            self.stats.arrived(change.added, self._arriving_at)

    def error(self, text: str) -> None:
        """The hub refused something."""
        self.view.say(text, ok=False)

    # ---- the loop ----

    def run(self) -> int:
        """Draw until stopped; returns the exit status."""
        while self._running and dpg.is_dearpygui_running():
            started = self.clock()
            self._take_orders()
            self._take_inbox()
            self._turn(started)
            self._pace(started)
        return 0

    def _turn(self, now: float) -> None:
        mirror = self.session.mirror
        fresh = self.view.draw(mirror) if self.window.shown else []
        if self.view.moving:
            self._wake()
        if self.frames is not None and self.window.shown:
            self.frames.frame(now)
        dpg.render_dearpygui_frame()
        if not self._ready and self.window.settle():
            self._announce_ready()
        if self.stats is not None:
            nodes = 0 if mirror is None else len(mirror.nodes)
            self.stats.frame(self.clock(), fresh, nodes, self._report())

    def _pace(self, started: float) -> None:
        fps: float
        if not self.window.shown:
            fps = HIDDEN_FPS
        elif self.clock() < self._active_until:
            fps = self.active_fps
        else:
            fps = IDLE_FPS
        if fps > 0:
            time.sleep(max(0.0, 1 / fps - (self.clock() - started)))

    def _wake(self) -> None:
        self._active_until = self.clock() + ACTIVE_FOR

    # ---- what arrives ----

    def _take_orders(self) -> None:
        # Until the window is found, showing and hiding wait their turn; stopping does not.
        if not self._ready:
            self._running = not stop_ordered(self.orders)
            return
        while True:
            try:
                order = self.orders.get_nowait()
            except queue.Empty:
                return
            if order == "stop":
                self._running = False
            elif order == "toggle":
                self._set_shown(not self.window.shown)
            else:
                self._set_shown(order == "show")

    def _take_inbox(self) -> None:
        # What arrived, in a slice of the frame: a burst (a big snapshot, patches of thousands
        # of new nodes) is spread over the next frames instead of stalling this one.
        deadline = self.clock() + INBOX_SLICE
        while self.clock() < deadline:
            try:
                item = self.inbox.get_nowait()
            except queue.Empty:
                return
            self._wake()
            if isinstance(item, Arrival):
                self._arriving_at = item.at
                self.session.handle(item.message)
            elif isinstance(item, LinkChange):
                self._link(item)
            else:
                self._opened_source(item)

    def _link(self, change: LinkChange) -> None:
        if change.state == "open":
            self._link_down = False
            if self.view.notice.startswith(LOST):
                self.view.notice = WAITING if self.session.mirror is None else ""
            return
        if not self._link_down:
            self._link_down = True
            self.lines.error(f"lost the hub: {change.detail}; reconnecting")
        self.view.notice = f"{LOST}: {change.detail}. Reconnecting…"

    def _opened_source(self, answer: SourceOpened) -> None:
        result: OpenResult = answer.result
        if result.get("ok"):
            self.view.say("opened in your editor: " + " ".join(result.get("command", [])), True)
        else:
            self.view.say(result.get("error", "the hub did not open it"), False)

    def _set_shown(self, shown: bool) -> None:
        if shown == self.window.shown:
            return
        problem = self.window.show() if shown else self.window.hide()
        if problem:
            self.lines.error(problem)
            return
        self.view.redraw()
        self._wake()
        if shown:
            self.lines.shown()
        else:
            self.lines.hidden()

    def _announce_ready(self) -> None:
        self._ready = True
        self.fonts.measure()
        self.view.redraw()  # labels were clipped with estimated widths until now
        self.lines.ready()
        if self.window.shown:
            self.lines.shown()
        else:
            self.lines.hidden()

    # ---- the pointer and keys ----

    def _listen(self) -> None:
        with dpg.handler_registry():
            dpg.add_mouse_move_handler(callback=lambda *_: self._wake())
            dpg.add_mouse_wheel_handler(callback=lambda _s, data: self._on_wheel(data))
            dpg.add_mouse_click_handler(
                button=dpg.mvMouseButton_Left, callback=lambda *_: self._on_click()
            )
            dpg.add_mouse_click_handler(
                button=dpg.mvMouseButton_Right, callback=lambda *_: self._on_fold()
            )
            dpg.add_key_press_handler(key=dpg.mvKey_End, callback=lambda *_: self.view.resume())
        # The window manager's close request hides the HUD: the sentinel decides when it ends.
        dpg.set_exit_callback(lambda *_: self.orders.put("hide"))

    def _on_wheel(self, data: object) -> None:
        notches = float(data) if isinstance(data, (int, float)) else 0.0
        sideways = dpg.is_key_down(dpg.mvKey_LShift) or dpg.is_key_down(dpg.mvKey_RShift)
        self.view.scroll(notches, sideways)
        self._wake()

    def _on_click(self) -> None:
        if self.view.on_follow_pill():
            self.view.resume()
            return
        mirror, node_id = self.session.mirror, self.view.node_under_pointer()
        node = None if mirror is None or node_id is None else mirror.node(node_id)
        if node is not None and node["kind"] != "mark":
            self.client.open_source(node["file"], node["line"])

    def _on_fold(self) -> None:
        mirror, node_id = self.session.mirror, self.view.node_under_pointer()
        if mirror is not None and node_id is not None:
            self.view.fold(mirror, node_id)

    def _report(self) -> ViewReport:
        view = self.view.scroller.view
        card = self.view.card_box
        mirror = self.session.mirror
        return ViewReport(
            left=view.left,
            top=view.top,
            hover=view.hover,
            card=None
            if card is None
            else (round(card.x), round(card.y), round(card.width), round(card.height)),
            following=self.view.scroller.following,
            settled=self.clock() >= self._active_until and self.view.settled,
            shown=self.window.shown,
            run=None if mirror is None else mirror.run_id,
        )
