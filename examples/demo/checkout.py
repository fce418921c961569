"""A checkout of two orders: the second fails validation, and the error is caught upstream.

    flow run examples/demo/checkout.py

In the HUD each return sends a pulse back up the spine to the caller. `validate` raises on
the second order: it flashes red and keeps its exception text, and so does `process`, which
the exception passed through; `checkout` catches it, counts the order as skipped and carries on.
"""

import time

PAUSE = 0.4  # seconds each step works: long enough to see it run


class InvalidOrder(ValueError):
    """An order that cannot be charged."""


def validate(order: dict[str, int]) -> None:
    time.sleep(PAUSE)
    if order["qty"] <= 0:
        raise InvalidOrder(f"order {order['id']}: quantity is {order['qty']}")


def price(order: dict[str, int]) -> int:
    time.sleep(PAUSE)
    return order["qty"] * order["unit"]


def authorize(amount: int) -> str:
    time.sleep(PAUSE)
    return f"auth-{amount}"


def charge(order_id: int, amount: int) -> str:
    code = authorize(amount)
    return f"receipt-{order_id}-{code}"


def process(order: dict[str, int]) -> str:
    validate(order)
    return charge(order["id"], price(order))


def checkout(orders: list[dict[str, int]]) -> str:
    receipts = []
    for order in orders:
        try:
            receipts.append(process(order))
        except InvalidOrder:
            receipts.append("skipped")
    time.sleep(PAUSE)  # the receipts are saved
    return f"{len(receipts)} orders, {receipts.count('skipped')} skipped"


def main() -> None:
    orders = [{"id": 1, "qty": 2, "unit": 15}, {"id": 2, "qty": 0, "unit": 40}]
    print(checkout(orders))


if __name__ == "__main__":
    time.sleep(3.0)  # time for a HUD that is watching to open the run before the first call
    main()
