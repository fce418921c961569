"""Uses debugflow.trace() as a context manager and a decorator, and debugflow.pulse()."""

import debugflow


def add(x: int, y: int) -> int:
    return x + y


@debugflow.trace()
def decorated() -> int:
    debugflow.pulse("inside", params={"step": 1}, returns="ok")
    return add(1, 2)


before = add(0, 0)  # not traced: before any trace()
with debugflow.trace():
    add(20, 22)
print(decorated())
