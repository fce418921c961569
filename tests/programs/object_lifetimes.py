"""Objects die when plain Python frees them: a tracer must hold no reference to them.

Every check prints when an object is freed (`__del__`) and whether a weak reference to it is
still alive, so the output differs if tracing keeps an argument, a return value, an
exception's traceback, a generator's or a coroutine's values alive a moment longer.
Each function is called more often than the detail budget, so calls kept in detail and
calls only counted are both checked.
"""

import asyncio
import threading
import weakref


class Tracked:
    """An object that says when it is freed."""

    def __init__(self, name):
        self.name = name

    def __del__(self):
        print(f"  freed {self.name}")


def use(obj, *more, **named):
    return len(more) + len(named)


def make(name):
    return Tracked(name)


def fail(obj):
    _local = Tracked(f"{obj.name}-local")  # kept alive by the traceback while it exists
    raise ValueError(f"bad {obj.name}")


def guarded(obj):
    try:
        fail(obj)
    except ValueError as exc:
        print(f"  caught {exc}")
    return "ok"


def numbers(obj, count):
    for i in range(count):
        yield i


async def job(obj):
    await asyncio.sleep(0)
    return obj.name


def check(label, ref):
    print(f"{label}: alive={ref() is not None}")


def arguments(i):
    a, b, c = Tracked(f"arg{i}"), Tracked(f"star{i}"), Tracked(f"kw{i}")
    refs = [weakref.ref(x) for x in (a, b, c)]
    use(a, b, key=c)
    del a, b, c
    for ref in refs:
        check("  argument", ref)


def return_values(i):
    ref = weakref.ref(make(f"made{i}"))  # the returned object is dropped at once
    check("  return value", ref)


def exceptions(i):
    obj = Tracked(f"raiser{i}")
    ref = weakref.ref(obj)
    print(f"  guarded: {guarded(obj)}")
    del obj
    check("  exception's argument", ref)


def generators(i):
    obj = Tracked(f"gen{i}")
    ref = weakref.ref(obj)
    print(f"  sum {sum(numbers(obj, 3))}")
    del obj
    check("  generator's argument", ref)


def coroutines(i):
    obj = Tracked(f"task{i}")
    ref = weakref.ref(obj)
    print(f"  result {asyncio.run(job(obj))}")
    del obj
    check("  coroutine's argument", ref)


def threads(i):
    obj = Tracked(f"thread{i}")
    ref = weakref.ref(obj)
    worker = threading.Thread(target=use, args=(obj,))
    worker.start()
    worker.join()
    del obj, worker
    check("  thread's argument", ref)


for step in range(12):
    print(f"step {step}")
    arguments(step)
    return_values(step)
    exceptions(step)
    generators(step)
    coroutines(step)
    threads(step)
print("end")
