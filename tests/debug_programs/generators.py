def countdown(n):
    while n > 0:
        yield n
        n -= 1
    return "done"


def delegate():
    result = yield from countdown(2)
    yield result


def consume():
    total = 0
    for value in countdown(3):
        total += value
    items = list(delegate())
    squares = (v * v for v in range(3))
    return total, items, sum(squares)


print(consume())
