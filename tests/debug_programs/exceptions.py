def parse(text):
    return int(text)


def safe(text):
    try:
        value = parse(text)
    except ValueError as error:
        value = -1
        print("bad", error)
    finally:
        print("checked", text)
    return value


def raiser():
    raise KeyError("k")


def catcher():
    try:
        raiser()
    except KeyError:
        return "caught"


print(safe("12"), safe("x"), catcher())
