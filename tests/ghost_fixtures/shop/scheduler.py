"""A small multi-module chain for the static map: imports, methods, properties, super()."""

from __future__ import annotations

import json

import models
from models import Item, Ledger
from pricing import Pricer
from pricing import discount as take_off


class BaseJob:
    def describe(self) -> str:
        return "job"


class Job(BaseJob):
    def __init__(self, pricer: Pricer) -> None:
        self.pricer = pricer

    @property
    def label(self) -> str:
        return self.describe()

    def describe(self) -> str:
        return "priced " + super().describe()

    def run(self, item: Item, ledger: Ledger) -> float:
        price = self.pricer.price(item)
        ledger.post(price)
        return take_off(price) + len(self.label)


def schedule(job: Job, item: Item, ledger: Ledger) -> str:
    def fmt(value: float) -> str:
        return json.dumps(value)

    order = models.Order(1, [item], models.Status.NEW)
    return fmt(job.run(item, ledger) + order.total())
