"""The benchmark workloads: which script, at which size, and what each one needs to run."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

WORKLOADS_DIR = Path(__file__).resolve().parent / "workloads"


@dataclass(frozen=True)
class Workload:
    """One workload script and its sizes (full run and `--quick` smoke run)."""

    name: str
    size: int
    quick_size: int
    needs: tuple[str, ...] = ()  # modules that must import in the measured Python
    about: str = ""
    stem: str = ""  # the script, when it is not named after the workload

    @property
    def script(self) -> Path:
        """The workload's standalone script."""
        return WORKLOADS_DIR / f"{self.stem or self.name}.py"

    def size_for(self, quick: bool) -> int:
        """The size argument to run it with."""
        return self.quick_size if quick else self.size


WORKLOADS: tuple[Workload, ...] = (
    Workload("callheavy", 30_000, 3_000, about="~1.1M calls of small functions"),
    Workload("app", 72, 8, about="JSON pipeline, tiny interpreter, dataclasses; ~1.1M calls"),
    # The same loop twice: 300 steps (about half a second, so start-up weighs a sixth of it)
    # and 2,000 steps (a few seconds, closer to a real training run, where the loop dominates).
    Workload("numpy_train", 300, 30, ("numpy",), about="numpy MLP, 300 steps"),
    Workload(
        "numpy_train_long", 2000, 60, ("numpy",), about="numpy MLP, 2,000 steps", stem="numpy_train"
    ),
    Workload("torch_train", 200, 20, ("torch",), about="torch nn.Module MLP, 200 steps"),
    Workload("async_app", 30_000, 3_000, about="asyncio queue, workers, gather"),
    Workload("threads_app", 70_000, 7_000, about="4 threads, queue, shared lock"),
)


def select(names: str | None) -> tuple[Workload, ...]:
    """The workloads named in a comma-separated list (all of them for None)."""
    if not names:
        return WORKLOADS
    by_name = {workload.name: workload for workload in WORKLOADS}
    chosen = [part.strip() for part in names.split(",") if part.strip()]
    unknown = [name for name in chosen if name not in by_name]
    if unknown:
        raise SystemExit(f"unknown workload(s) {unknown}; choose from {sorted(by_name)}")
    return tuple(by_name[name] for name in chosen)
