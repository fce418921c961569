"""Entries whose hints are attrs classes and pydantic models (see limits.py for the rest)."""

from __future__ import annotations

from thirdparty import Customer, Invoice


def invoice_customer(customer: Customer, invoice: Invoice) -> int:
    return bill(invoice, len(customer.name) + len(customer.address["zip"]))


def bill(invoice: Invoice, extra: int) -> int:
    return invoice.number + len(invoice.lines) + extra


def validate(invoice: Invoice) -> str:
    if invoice.number <= 1000:
        return rejected(invoice.number)
    return accepted(invoice.number)


def rejected(number: int) -> str:
    return f"rejected {number}"


def accepted(number: int) -> str:
    return f"accepted {number}"
