def fail(n):
    if n > 1:
        return fail(n - 1)
    raise RuntimeError("boom")


def main():
    print("start")
    fail(3)


main()
