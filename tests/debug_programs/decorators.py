import functools


def logged(func):
    @functools.wraps(func)
    def wrapper(*args):
        result = func(*args)
        return result

    return wrapper


@logged
def square(x):
    return x * x


class Box:
    def __init__(self, value):
        self.value = value

    @property
    def doubled(self):
        return self.value * 2

    @staticmethod
    def make(v):
        return Box(v)


print(square(3), Box.make(4).doubled)
