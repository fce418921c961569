"""Generators: consumed fully, partially, closed early, and with send()."""


def count_up(n):
    for i in range(n):
        yield i * i


def echo():
    received = None
    while True:
        received = yield received
        if received == "stop":
            return "done"


def take(iterable, k):
    out = []
    for item in iterable:
        if len(out) == k:
            break
        out.append(item)
    return out


print(list(count_up(5)))
print(take(count_up(100), 3))
g = echo()
next(g)
print(g.send("a"), g.send("b"))
try:
    g.send("stop")
except StopIteration as stop:
    print("returned", stop.value)
print(sum(x for x in count_up(10)))
