"""Builds the optional compiled core of the tracer's hot path; everything else is in pyproject.toml.

Why setuptools: the extension is one C file against the Python C API and nothing else, and
setuptools' `build_ext` is the standard, long-kept way to build exactly that, in a wheel, in
an sdist install and in place for `pip install -e .`. Hatchling has no C-extension support of
its own (a build hook would end up driving setuptools' compiler classes anyway), and
meson-python or scikit-build-core would add meson or CMake to every install for one file and
make a build that is allowed to fail hard to express.

The extension is optional: where it cannot be built (no C compiler, headers missing, an
interpreter other than CPython), `build_ext` warns and the install goes on without it; the
tracer then runs its Python core, and `flow doctor` says so and why
(`debugflow.tracer.hotcore`).
"""

import os
import platform
import sys

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

# Warnings are on everywhere; CI (and FLOW_STRICT_BUILD=1) makes them errors, so the C
# source stays warning-free.
WARNINGS = ["-Wall", "-Wextra", "-Wno-unused-parameter", "-Wno-missing-field-initializers"]
STRICT = os.environ.get("FLOW_STRICT_BUILD") == "1" or os.environ.get("CI") == "true"


class OptionalBuildExt(build_ext):
    """`build_ext` that warns instead of failing when the compiled core cannot be built."""

    def run(self) -> None:
        try:
            super().run()
        except Exception as error:  # the platform has no usable compiler at all
            self._skip(error)

    def build_extension(self, ext: Extension) -> None:
        try:
            super().build_extension(ext)
        except Exception as error:  # CompileError, LinkError, a missing compiler
            if STRICT:
                raise
            self._skip(error)

    def _skip(self, error: BaseException) -> None:
        message = (
            f"debugflow: the compiled hot path was not built ({error}); the tracer will use "
            "its Python core (slower). Install a C compiler and reinstall to build it."
        )
        print(f"WARNING: {message}", file=sys.stderr)


def extensions() -> list[Extension]:
    """The compiled core, for CPython on POSIX systems (it reads CLOCK_MONOTONIC)."""
    if platform.python_implementation() != "CPython" or os.name != "posix":
        return []
    if os.environ.get("FLOW_PURE_PYTHON_BUILD") == "1":
        return []
    flags = [*WARNINGS, *(["-Werror"] if STRICT else [])]
    return [
        Extension(
            "debugflow.tracer._hotpath",
            sources=["src/debugflow/tracer/_hotpath.c"],
            extra_compile_args=flags,
        )
    ]


setup(ext_modules=extensions(), cmdclass={"build_ext": OptionalBuildExt})
