def check(value):
    if value < 0:
        raise ValueError(f"negative: {value}")
    return value


def main():
    total = 0
    for value in (3, 2, -1):
        total += check(value)
    return total


print(main())
