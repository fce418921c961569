"""Objects whose finalizers print when the interpreter collects them at exit.

A cycle made in a traced function (so its class is previewed: its return value) and kept in
a global is collected at exit, while `print` still works, as under plain Python.
"""


class Resource:
    def __init__(self, name):
        self.name = name
        self.me = self  # a cycle: only the collector frees it

    def __del__(self):
        print(f"closing {self.name}")


def open_resource(name):
    return Resource(name)


kept = open_resource("kept")
print("main done")
