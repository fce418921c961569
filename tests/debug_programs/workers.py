import threading


def work(n, out):
    value = n * 10
    value += 0
    out.append(value)


def main():
    out = []
    threads = [threading.Thread(target=work, args=(n, out), name=f"worker-{n}") for n in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(sorted(out))


main()
