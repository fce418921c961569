"""A call-heavy program with a known call profile, compared against cProfile."""


class Vector:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def add(self, other):
        return Vector(self.x + other.x, self.y + other.y)

    def norm2(self):
        return self.x * self.x + self.y * self.y


def walk(steps):
    position = Vector(0, 0)
    for i in range(steps):
        position = position.add(Vector(i % 3 - 1, i % 5 - 2))
    return position.norm2()


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def risky(i):
    if i % 7 == 0:
        raise ValueError(i)
    return i


def tolerant(n):
    ok = 0
    for i in range(n):
        try:
            ok += risky(i)
        except ValueError:
            pass
    return ok


print(walk(3000), fib(18), tolerant(500))
