"""A module that offers a function it imports: a valid ghost target the static map cannot see."""

from pricing import discount

__all__ = ["discount"]
