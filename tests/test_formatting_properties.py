"""Properties over arbitrary nested builtins: previews never raise and always fit the limits."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from debugflow.formatting import PreviewLimits, preview

scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=10**100, max_value=10**2000)
    | st.floats()
    | st.complex_numbers()
    | st.text()
    | st.binary()
)
hashables = st.recursive(
    st.none() | st.integers() | st.text(max_size=20) | st.binary(max_size=20),
    lambda inner: st.tuples(inner, inner) | st.frozensets(inner, max_size=4),
    max_leaves=8,
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=12)
        | st.tuples(inner, inner)
        | st.dictionaries(hashables, inner, max_size=12)
        | st.sets(hashables, max_size=12)
        | st.builds(bytearray, st.binary())
        | st.builds(range, st.integers(-5, 5), st.integers(-5, 50))
    ),
    max_leaves=40,
)
limits = st.builds(
    PreviewLimits,
    max_string=st.integers(0, 80),
    max_items=st.integers(0, 10),
    max_depth=st.integers(0, 6),
    max_width=st.integers(1, 200),
)


@settings(max_examples=300, deadline=None, database=None)
@given(value=values, bounds=limits, user_repr=st.booleans())
def test_previews_of_nested_builtins_fit_the_limits(
    value: object, bounds: PreviewLimits, user_repr: bool
) -> None:
    label, text = preview(value, bounds, user_repr=user_repr)
    assert type(label) is str
    assert type(text) is str
    assert len(label) <= bounds.max_width
    assert len(text) <= bounds.max_width
    assert "<no preview>" not in text


@settings(max_examples=100, deadline=None, database=None)
@given(value=values)
def test_previews_of_values_inside_themselves_terminate(value: object) -> None:
    looped: list[object] = [value]
    looped.append(looped)
    holder = {"self": looped}
    label, text = preview(holder, PreviewLimits(max_depth=50, max_items=3))
    assert label == "dict"
    assert "[...]" in text or text.endswith("…")
