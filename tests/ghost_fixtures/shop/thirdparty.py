"""attrs and pydantic models for the ghost-mode fixture shop."""

from __future__ import annotations

import attrs
import pydantic
from models import Address, Status


@attrs.define
class Customer:
    name: str
    address: Address
    _tier: Status = Status.NEW


class Invoice(pydantic.BaseModel):
    number: int = pydantic.Field(gt=1000)
    customer: str
    lines: list[int]
