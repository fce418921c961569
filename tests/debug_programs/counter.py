import sys
import threading
import time

count = 0
stop = threading.Event()
started = threading.Event()


def work():
    global count
    while not stop.is_set():
        count += 1
        if count == 1:
            print("worker started", flush=True)
            started.set()
        time.sleep(0.001)


def main():
    worker = threading.Thread(target=work, name="worker")
    worker.start()
    started.wait()
    seen = count  # the main thread pauses here
    deadline = time.monotonic() + 30
    while count == seen and time.monotonic() < deadline:
        time.sleep(0.001)
    stop.set()
    worker.join()
    print("worker went on:", count > seen)
    return 3


sys.exit(main())
