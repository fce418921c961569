"""Raises an exception nobody catches: the traceback must look exactly as under python."""


def parse(text):
    return int(text)


def load():
    return parse("not a number")


print("loading", flush=True)
load()
