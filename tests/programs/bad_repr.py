"""Objects whose __repr__ raises, recurses or is huge, passed to traced functions."""


class Raises:
    def __repr__(self):
        raise RuntimeError("repr exploded")


class Recurses:
    def __repr__(self):
        return repr(self)


class Huge:
    def __repr__(self):
        return "x" * 10_000_000


def handle(a, b, c):
    return [a, b, c]


items = handle(Raises(), Recurses(), Huge())
print(len(items), type(items[0]).__name__)
try:
    repr(items[0])
except RuntimeError as error:
    print("repr still raises:", error)
