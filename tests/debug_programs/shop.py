class Order:
    def __init__(self, number, items):
        self.number = number
        self.items = items

    def total(self):
        return sum(self.items)


def process_order(order):
    amount = order.total()
    if amount > 10:
        raise ValueError(f"order {order.number} is too large: {amount}")
    return amount
