"""The orders the sentinel gives the HUD by signal, and the queue they wait in.

SIGUSR1 toggles the window, SIGTERM and SIGINT stop the HUD. The handlers are installed first
thing (SIGUSR1 would otherwise end the process) and only put an order in the queue; the render
loop carries orders out between two frames, once the window exists. While the HUD still waits
for its hub, a stop order ends the wait.
"""

from __future__ import annotations

import queue
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Literal

Order = Literal["toggle", "show", "hide", "stop"]
Orders = queue.Queue[Order]


@contextmanager
def signal_orders(orders: Orders) -> Iterator[None]:
    """While inside, SIGUSR1 enqueues "toggle", SIGTERM and SIGINT "stop"; then as before."""
    meaning: dict[int, Order] = {signal.SIGTERM: "stop", signal.SIGINT: "stop"}
    toggle = getattr(signal, "SIGUSR1", None)  # not on Windows
    if toggle is not None:
        meaning[toggle] = "toggle"
    previous = {number: signal.getsignal(number) for number in meaning}
    for number, order in meaning.items():
        signal.signal(number, _enqueue(orders, order))
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def stop_ordered(orders: Orders) -> bool:
    """Whether a stop order waits in the queue (other orders stay queued, in order)."""
    with orders.mutex:
        return "stop" in orders.queue


def _enqueue(orders: Orders, order: Order) -> Callable[[int, object], None]:
    def handler(_number: int, _frame: object) -> None:
        orders.put(order)

    return handler
