"""Which code is traced: the project's own files, plus `--include`, minus `--exclude`.

The decision is made once per (file, module) and cached; backends ask once per code object
and never look at file names inside their callbacks.

Code compiled at run time has a pseudo file name instead of a path (`<string>`, networkx's
`<class 'networkx.utils.decorators.argmap'> compilation 16`): only its module can place it,
so it is traced when a module-name include covers that module and no exclude does.
"""

from __future__ import annotations

import fnmatch
import os
import sys
from collections.abc import Iterable
from pathlib import Path

import debugflow

_PACKAGE_DIR = str(Path(debugflow.__file__).resolve().parent)
_THIRD_PARTY_MARKERS = ("site-packages", "dist-packages")


class CodeFilter:
    """Decides whether code from a file and module is traced.

    `include` and `exclude` hold path globs (`src/*.py`, `/abs/dir/*`) or module names
    (`networkx`, which also matches `networkx.algorithms`). Excludes win over includes,
    includes win over the default rule: files under `root` that are not in a virtualenv,
    site-packages or the standard library. DebugFlow itself is never traced. Code without
    a real file (a pseudo file name such as `<string>`) is traced only through a module
    name: globs and the default rule are about paths, and it has none.
    """

    def __init__(self, root: Path, include: Iterable[str] = (), exclude: Iterable[str] = ()):
        self.root = str(root.resolve())
        self._include = _Patterns(include, root)
        self._exclude = _Patterns(exclude, root)
        self._never = _never_traced_dirs(self.root)
        # Keyed by module too: one pseudo file name (`<string>`) holds code of many modules.
        self._cache: dict[tuple[str, str], bool] = {}
        self._real = RealPaths()

    def wants(self, filename: str, module: str) -> bool:
        """True if code defined in `filename` (module `module`) should be traced."""
        key = (filename, module)
        decision = self._cache.get(key)
        if decision is None:
            decision = self._decide(filename, module)
            self._cache[key] = decision
        return decision

    def _decide(self, filename: str, module: str) -> bool:
        if _is_pseudo_file(filename):
            return self._wants_fileless(module)
        path = self._real.of(filename)
        if path.startswith(_PACKAGE_DIR + os.sep):
            return False
        if self._exclude.match(path, module):
            return False
        if self._include.match(path, module):
            return True
        return self._is_project_file(path)

    def _wants_fileless(self, module: str) -> bool:
        """Code compiled at run time: traced if its module is included and not excluded.

        Its name must not reach `RealPaths` or the globs: `<string>` would become a path in
        the working folder, and so a project file whenever the project is the working folder.
        """
        if _is_own_module(module):
            return False
        return self._include.match_module(module) and not self._exclude.match_module(module)

    def _is_project_file(self, path: str) -> bool:
        if not path.startswith(self.root + os.sep):
            return False
        if any(path.startswith(d + os.sep) for d in self._never):
            return False
        relative = Path(path[len(self.root) + 1 :])
        if any(part in _THIRD_PARTY_MARKERS for part in relative.parts):
            return False
        return not _inside_virtualenv(Path(path).parent, Path(self.root))


class RealPaths:
    """`os.path.realpath` of source files, resolving each folder only once.

    `realpath` checks every component of every path; importing a library such as numpy runs
    code from 100+ files in a few dozen folders, and resolving each file from scratch cost
    more than the rest of the first-call work. Here a new folder costs one `lstat`, a new
    file one more (a symlinked file is still followed).
    """

    def __init__(self) -> None:
        self._folders: dict[str, str] = {}

    def of(self, filename: str) -> str:
        """The same path as `os.path.realpath(filename)`."""
        if os.pardir in filename.split(os.sep):
            return os.path.realpath(filename)  # "link/.." must resolve the link first
        folder, name = os.path.split(os.path.abspath(filename))
        return self._resolved(os.path.join(self._folder(folder), name))

    def _folder(self, folder: str) -> str:
        real = self._folders.get(folder)
        if real is None:
            parent, name = os.path.split(folder)
            # An empty name: `folder` is the file system's root.
            real = self._resolved(os.path.join(self._folder(parent), name)) if name else folder
            self._folders[folder] = real
        return real

    @staticmethod
    def _resolved(path: str) -> str:
        return os.path.realpath(path) if os.path.islink(path) else path


class _Patterns:
    """Path globs and module names, matched against a real path and a module name."""

    def __init__(self, patterns: Iterable[str], root: Path):
        self._globs: list[str] = []
        self._modules: list[str] = []
        for pattern in patterns:
            if _looks_like_module(pattern):
                self._modules.append(pattern)
                self._globs.extend(_module_dirs(pattern))
            else:
                self._globs.append(_absolute_glob(pattern, root))

    def match(self, path: str, module: str) -> bool:
        """True if the path matches a glob or the module is one of the modules or under one."""
        if self.match_module(module):
            return True
        return any(fnmatch.fnmatch(path, glob) for glob in self._globs)

    def match_module(self, module: str) -> bool:
        """True if `module` is one of the module names or a submodule of one."""
        return any(_is_within_module(module, m) for m in self._modules)


def _is_within_module(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def _is_own_module(module: str) -> bool:
    """DebugFlow's modules; their run-time code (dataclass `__init__`s) has no path to check."""
    return _is_within_module(module, debugflow.__name__)


def _is_pseudo_file(filename: str) -> bool:
    """True for the names `compile` is given in place of a path: empty or `<...>`."""
    return not filename or filename.startswith("<")


def _looks_like_module(pattern: str) -> bool:
    return pattern.replace(".", "").replace("_", "").isalnum() and not pattern.endswith(".py")


def _absolute_glob(pattern: str, root: Path) -> str:
    expanded = os.path.expanduser(pattern)
    if not os.path.isabs(expanded):
        expanded = str(root / expanded)
    if os.path.isdir(expanded):
        expanded = os.path.join(expanded, "*")
    return os.path.realpath(expanded) if "*" not in expanded else expanded


def _module_dirs(module: str) -> list[str]:
    """The folder of an installed package, found without importing it."""
    import importlib.util

    try:
        spec = importlib.util.find_spec(module.split(".")[0])
    except (ImportError, ValueError):
        return []
    if spec is None or not spec.origin or spec.origin in ("built-in", "frozen"):
        return []
    origin = os.path.realpath(spec.origin)
    if spec.submodule_search_locations:
        return [os.path.join(os.path.dirname(origin), "*")]
    return [origin]


def _never_traced_dirs(root: str) -> list[str]:
    """The standard library and install folders, when they lie under the project root.

    They can only be under it when an installation prefix is (a root of `/` or `/usr`, a
    virtualenv inside the project), so `sysconfig`, which costs milliseconds to load, is
    asked only then. Third-party folders elsewhere are caught by their names.
    """
    prefixes = {sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix}
    if not any(_is_within(os.path.realpath(prefix), root) for prefix in prefixes):
        return []
    import sysconfig

    names = ("stdlib", "platstdlib", "purelib", "platlib")
    dirs = {os.path.realpath(sysconfig.get_path(n)) for n in names if sysconfig.get_path(n)}
    return sorted(d for d in dirs if d != os.sep)


def _is_within(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _inside_virtualenv(folder: Path, root: Path) -> bool:
    """True if a folder between `folder` and `root` is a virtualenv (holds pyvenv.cfg)."""
    for parent in (folder, *folder.parents):
        if (parent / "pyvenv.cfg").exists():
            return True
        if parent == root:
            return False
    return False
