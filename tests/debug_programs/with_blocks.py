import contextlib


@contextlib.contextmanager
def opened(name):
    print("open", name)
    yield name.upper()
    print("close", name)


class Guard:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def main():
    with opened("a") as handle:
        size = len(handle)
    with Guard():
        size += 1
    return size


print(main())
