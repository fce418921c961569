import threading


def work(out, n):
    out.append(n * n)


def main():
    out = []
    threads = [threading.Thread(target=work, args=(out, n)) for n in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(sorted(out))


main()
