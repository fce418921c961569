def leaf(x):
    return x * 2


def middle(x):
    y = leaf(x)
    z = leaf(y)
    return y + z


def top():
    a = middle(1)
    b = middle(a)
    return a + b


print(top())
