"""A program that takes `threading`'s hook functions away, as some test helpers do.

Plain Python does not mind; a tracer that calls them again at the end must not either.
"""

import threading


def work(n):
    return n * 2


print(work(21))
threading.settrace = None
threading.setprofile = None
if hasattr(threading, "settrace_all_threads"):
    threading.settrace_all_threads = None
worker = threading.Thread(target=work, args=(1,))
worker.start()
worker.join()
print("hooks replaced")
