"""Turn what a person names (`app.py:process_order`, a function) into an importable target."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from debugflow.errors import TargetError


@dataclass(frozen=True)
class TargetSpec:
    """Where the entry function lives and how the sandbox imports it."""

    file: Path
    qualname: str
    module: str  # dotted import name, e.g. "shop.orders"
    import_base: Path  # the folder that goes on sys.path so `module` imports

    @property
    def function_id(self) -> str:
        """The `module:qualname` id of the entry function."""
        return f"{self.module}:{self.qualname}"

    @property
    def label(self) -> str:
        """The `file.py:qualname` form a person types."""
        return f"{self.file.name}:{self.qualname}"

    def shown_from(self, root: Path) -> str:
        """The entry's file as a person names it: relative to the project root if inside it."""
        return str(self.file.relative_to(root) if self.file.is_relative_to(root) else self.file)


def resolve_target(target: Callable[..., object] | str, root: Path) -> TargetSpec:
    """Find the file, qualname and import name of `target`; raises TargetError when it cannot."""
    if isinstance(target, str):
        file, qualname = _split_text(target, root)
    else:
        file, qualname = _from_object(target)
    if "<locals>" in qualname or not qualname:
        raise TargetError(f"ghost mode needs a module-level function or method, not {qualname!r}")
    module, base = module_name_for(file)
    return TargetSpec(file=file, qualname=qualname, module=module, import_base=base)


def module_name_for(file: Path) -> tuple[str, Path]:
    """The dotted module name of `file` and the folder above its top package."""
    parts = [file.stem] if file.stem != "__init__" else []
    folder = file.parent
    while (folder / "__init__.py").exists():
        parts.insert(0, folder.name)
        folder = folder.parent
    return ".".join(parts), folder


def _split_text(text: str, root: Path) -> tuple[Path, str]:
    where, sep, qualname = text.rpartition(":")
    if not sep or not where:
        raise TargetError(f"name the target as FILE.py:FUNCTION, not {text!r}")
    for candidate in (Path(where), root / where):
        if candidate.is_file():
            return candidate.resolve(), qualname
    module_file = _module_file(where, root)
    if module_file is None:
        raise TargetError(f"no such file or project module: {where}")
    return module_file, qualname


def _module_file(dotted: str, root: Path) -> Path | None:
    """The file of a dotted project module under `root` (or `root/src`), if there is one."""
    relative = Path(*dotted.split("."))
    for base in (root, root / "src"):
        for candidate in (base / relative.with_suffix(".py"), base / relative / "__init__.py"):
            if candidate.is_file():
                return candidate.resolve()
    return None


def _from_object(func: Callable[..., object]) -> tuple[Path, str]:
    unwrapped = inspect.unwrap(func)
    try:
        source = inspect.getsourcefile(unwrapped)
    except TypeError:
        source = None
    if source is None:
        raise TargetError(f"cannot find the source file of {func!r}")
    return Path(source).resolve(), getattr(unwrapped, "__qualname__", "")
