"""Threads: workers started before and during the traced part, joined, results ordered."""

import threading

results = {}
lock = threading.Lock()


def work(index):
    total = sum(square(i) for i in range(100))
    with lock:
        results[index] = total


def square(x):
    return x * x


threads = [threading.Thread(target=work, args=(i,), name=f"worker-{i}") for i in range(4)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(sorted(results.items()))
