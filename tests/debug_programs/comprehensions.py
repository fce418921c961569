def double(x):
    return x * 2


def build(n):
    values = [double(i) for i in range(n)]
    table = {i: v for i, v in enumerate(values)}
    evens = {v for v in values if v % 4 == 0}
    return values, table, evens


print(build(3))
