import sys

from shop import Order, process_order


def run(count):
    done = []
    for x in range(count):
        order = Order(x, [x, x + 1])
        try:
            done.append(process_order(order))
        except ValueError as error:
            print("refused:", error)
    return done


print("processed", run(int(sys.argv[1]) if len(sys.argv) > 1 else 8))
