"""Lanes of a spine: one per thread, and one per asyncio task inside a thread (bounded)."""

from __future__ import annotations

from dataclasses import dataclass

from debugflow.protocol.viewer import LaneWire

OVERFLOW_TASK = -1  # task id of the shared lane once a thread has too many task lanes


@dataclass(slots=True)
class Lane:
    """One column of the spine."""

    id: int
    thread_id: int
    task_id: int | None

    def wire(self, thread_name: str, own_name: str | None) -> LaneWire:
        """The lane as sent to viewers: its own name, else named after its thread (and task)."""
        if own_name is not None:
            name = own_name
        elif self.task_id is None:
            name = thread_name
        elif self.task_id == OVERFLOW_TASK:
            name = f"{thread_name} · other tasks"
        else:
            name = f"{thread_name} · task {self.task_id}"
        return {"id": self.id, "thread_id": self.thread_id, "task_id": self.task_id, "name": name}


class LaneTable:
    """Assigns lane ids in order of first appearance and remembers lane names."""

    def __init__(self, max_task_lanes: int) -> None:
        self._max_task_lanes = max_task_lanes
        self._lanes: dict[tuple[int, int | None], Lane] = {}
        self._by_id: list[Lane] = []
        self._task_lanes: dict[int, int] = {}
        self._names: dict[tuple[int, int | None], str] = {}

    def lane(self, thread_id: int, task_id: int | None) -> tuple[Lane, bool]:
        """The lane of a thread/task and whether it was just created."""
        key = (thread_id, task_id)
        found = self._lanes.get(key)
        if found is not None:
            return found, False
        if task_id is not None and task_id != OVERFLOW_TASK:
            if self._task_lanes.get(thread_id, 0) >= self._max_task_lanes:
                return self.lane(thread_id, OVERFLOW_TASK)
            self._task_lanes[thread_id] = self._task_lanes.get(thread_id, 0) + 1
        lane = Lane(id=len(self._by_id), thread_id=thread_id, task_id=task_id)
        self._lanes[key] = lane
        self._by_id.append(lane)
        return lane, True

    def get(self, lane_id: int) -> Lane:
        """The lane with this id (ids are dense, from 0)."""
        return self._by_id[lane_id]

    def name_lane(self, thread_id: int, task_id: int | None, name: str) -> list[int]:
        """Record the name of a thread (task_id None) or of a task's lane; returns the ids of
        lanes whose name changed (a thread's name shows in its task lanes' names too)."""
        if self._names.get((thread_id, task_id)) == name:
            return []
        self._names[(thread_id, task_id)] = name
        return [
            lane.id
            for lane in self._by_id
            if lane.thread_id == thread_id and (task_id is None or lane.task_id == task_id)
        ]

    def wire(self, lane_id: int) -> LaneWire:
        """One lane as sent to viewers."""
        lane = self._by_id[lane_id]
        thread = self._names.get((lane.thread_id, None), f"thread {lane.thread_id}")
        own = self._names.get((lane.thread_id, lane.task_id)) if lane.task_id is not None else None
        return lane.wire(thread, own)

    def all_wire(self) -> list[LaneWire]:
        """Every lane, in id order."""
        return [self.wire(lane.id) for lane in self._by_id]
