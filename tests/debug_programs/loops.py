def total(items):
    acc = 0
    for item in items:
        if item % 2:
            acc += item
        else:
            acc -= 1
    while acc > 3:
        acc -= 2
    return acc


result = total([1, 2, 3, 4, 5])
print("total", result)
