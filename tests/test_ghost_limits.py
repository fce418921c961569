"""Every item of the seed's "Ghost Mode Limits" list, as a ghost pass that now gets through.

Each test runs a real ghost pass (a sandboxed child process) on a fixture program under
tests/ghost_fixtures/ and checks what the pass reached and which mock values it used.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ghost_helpers import (
    MLSTUB,
    SCIENCE,
    SHOP,
    STUBS,
    calls,
    first_args,
    ghost,
    reached,
    reason,
    returned,
)


def test_well_typed_chain_is_fully_reached_with_argument_previews() -> None:
    """Limit: "works best for simple, well-typed functions" — they are mapped and all reached."""
    result = ghost(SHOP, "limits.py:checkout")
    expected = {"limits:checkout", "limits:apply_tax", "models:Order.total", "models:Item.subtotal"}
    assert {n.id for n in result.static_map.nodes} == expected
    assert reached(result) == expected
    assert result.stopped_by is None
    order = first_args(result, "checkout")["order"]
    assert order.type == "Order" and "Item(" in order.value
    assert returned(result, "apply_tax") == ["3.0"]  # 1 item x 2.5 x 1.2


def test_unannotated_parameters_get_recording_stand_ins_and_are_named() -> None:
    """Limit: "any unannotated parameter is treated as None"."""
    result = ghost(SHOP, "limits.py:describe_order")
    assert reached(result) == {"limits:describe_order", "limits:summarize"}
    assert first_args(result, "describe_order")["order"].type == "stand-in"
    hints = {(m.function, m.parameter): m for m in result.missing_hints}
    order = hints[("limits:describe_order", "order")]
    assert order.detail == "no annotation"
    assert ".items iterated" in order.uses and ".extra * 2" in order.uses
    assert hints[("limits:describe_order", "verbose")].uses == (" truth test",)


def test_the_report_names_the_parameter_without_a_usable_hint() -> None:
    result = ghost(SHOP, "limits.py:strict_parse")
    assert reason(result, "limits:summarize") == (
        "never called: strict_parse raised TypeError: data must be text "
        "(parameter data: stand-in, no usable hint: no annotation)"
    )


def test_classes_dataclasses_named_tuples_typed_dicts_and_orm_style_models() -> None:
    """Limit: "cannot handle most custom or user-defined types, including classes,
    dataclasses ... ORM objects"."""
    result = ghost(SHOP, "limits.py:settle")
    assert reached(result) == {
        "limits:settle",
        "limits:bill",
        "models:Ledger.post",
        "models:Order.total",
        "models:Item.subtotal",
    }
    args = first_args(result, "settle")
    assert args["order"].type == "Order" and args["account"].type == "Account"
    assert args["ledger"].type == "Ledger"  # a plain class built from its annotated __init__
    assert args["where"].value.startswith("Point(")
    assert args["address"].value == "{'street': 'mock', 'zip': 'mock'}"
    assert args["status"].value.endswith("NEW")
    assert result.missing_hints == []
    # OrderRow's columns are class annotations, filled like an ORM row: total is 1.0.
    assert first_args(result, "bill")["row"].type == "OrderRow"
    assert returned(result, "bill") == ["20.0"]  # 1.0 + Point.x 1 + len("mock/mock/mock/new")


def test_attrs_classes_and_pydantic_models() -> None:
    """Limit: "... Pydantic models" (and attrs classes)."""
    pytest.importorskip("attrs")
    pytest.importorskip("pydantic")
    result = ghost(SHOP, "limits_thirdparty.py:invoice_customer")
    assert reached(result) == {"limits_thirdparty:invoice_customer", "limits_thirdparty:bill"}
    args = first_args(result, "invoice_customer")
    assert args["customer"].type == "Customer" and args["invoice"].type == "Invoice"
    assert returned(result, "bill") == ["1010"]  # number 1001 (gt=1000) + 1 line + 4 + 4


def test_nn_module_parameters_with_the_torch_names(monkeypatch: pytest.MonkeyPatch) -> None:
    """Limit: "... and machine learning models like torch.nn.Module" — matched by the qualified
    names torch uses (here through the minimal `stubs/torch` package with those names)."""
    monkeypatch.setenv(
        "PYTHONPATH", os.pathsep.join([str(STUBS), os.environ.get("PYTHONPATH", "")])
    )
    result = ghost(MLSTUB, "model.py:predict")
    assert {"model:predict", "model:Classifier.forward", "model:pick"} <= reached(result)
    assert first_args(result, "predict")["model"].type == "Classifier"
    assert returned(result, "pick") == ["3"]  # Classifier(features=1, classes=3)
    layer = ghost(MLSTUB, "model.py:apply_layer")
    assert returned(layer, "pick") == ["1"]  # nn.Module is an identity module over zeros(1)


def test_nn_module_parameters_with_real_torch() -> None:
    """The same pipeline against the real torch, where it is installed."""
    pytest.importorskip("torch")
    result = ghost(MLSTUB, "model.py:predict")
    assert {"model:predict", "model:Classifier.forward", "model:pick"} <= reached(result)
    assert returned(result, "pick") == ["3"]


def test_generics_optional_union_literal_annotated_callable_and_typevar() -> None:
    """Limit: "generic and parameterised types such as list[int], dict[str, int], Optional,
    Union, and Callable ... fall back to None"."""
    result = ghost(SHOP, "limits.py:crunch")
    assert reached(result) == {"limits:crunch", "limits:weigh"}
    args = first_args(result, "crunch")
    assert args["counts"].value == "[1]"
    assert args["table"].value == "{'mock': [1.0]}"
    assert args["pair"].value == "(1,)"
    assert args["maybe"].value == "'mock'"
    assert args["either"].value == "1"
    assert args["mode"].value == "'fast'"
    assert args["scale"].value == "1.0"  # TypeVar bound=float
    assert result.missing_hints == []


def test_paths_dates_uuid_decimal_file_handles_and_async_types() -> None:
    """Limit: "pathlib.Path, datetime, UUID, file handles, and async-related types"."""
    result = ghost(SHOP, "limits.py:archive")
    assert reached(result) == {"limits:archive", "limits:store_record"}
    args = first_args(result, "archive")
    assert "debugflow-ghost-" in args["source"].value  # inside the throw-away folder
    stored = first_args(result, "store_record")
    assert stored["text"].value == "'mock\\n'"  # the file exists and holds one line
    assert stored["stamp"].value == "'2024-01-01T12:00:012024-01-01'"
    assert stored["key"].value == "'12345678123456781234567812345678'"
    assert stored["amount"].value == "2"
    assert not Path(args["source"].value).parent.exists()  # the folder went with the pass
    async_result = ghost(SHOP, "limits.py:fetch_all")
    assert reached(async_result) == {"limits:fetch_all", "limits:tally"}
    assert returned(async_result, "tally") == ["5"]  # awaited 1 + len("mock")


def test_numpy_values() -> None:
    """Limit: "scientific and ML ecosystem types" (numpy)."""
    result = ghost(SCIENCE, "arrays.py:normalise")
    assert reached(result) == {"arrays:normalise", "arrays:column_sum"}
    args = first_args(result, "normalise")
    assert args["values"].type.startswith("ndarray")
    assert args["scale"].value == "1.0"


def test_scipy_sparse_values_through_a_type_checking_import() -> None:
    """Limit: "... SciPy" — the module imports scipy only under TYPE_CHECKING."""
    pytest.importorskip("scipy")
    result = ghost(SCIENCE, "arrays.py:sparse_rows")
    assert first_args(result, "sparse_rows")["weights"].type.startswith("csr_matrix")
    assert returned(result, "count_cells") == ["1"]


def test_libraries_are_found_by_qualified_name_and_imported_only_when_named() -> None:
    """A hint naming `numpy.ndarray` works without the module importing numpy, and a library
    no hint names (pandas) is not imported by the pass."""
    result = ghost(SCIENCE, "arrays.py:by_name")
    assert first_args(result, "by_name")["values"].type.startswith("ndarray")
    assert returned(result, "loaded") == ["False"]


def test_dataframes_and_images() -> None:
    """Limit: "... Polars ... PIL objects" (and pandas), where those libraries are installed."""
    for name in ("pandas", "polars", "PIL"):
        pytest.importorskip(name)
    result = ghost(SCIENCE, "arrays.py:frames")
    args = first_args(result, "frames")
    assert args["table"].type.startswith("DataFrame")
    assert args["picture"].type.startswith("Image")
    assert returned(result, "count_cells") == ["4"]


def test_forward_references_and_type_checking_imports() -> None:
    """Limit: "forward references like "MyClass" are treated as plain strings"."""
    result = ghost(SHOP, "limits.py:reconcile")
    assert {"limits:reconcile", "limits:post_total", "models:Ledger.post"} <= reached(result)
    args = first_args(result, "reconcile")
    assert args["ledger"].type == "Ledger"  # imported only under TYPE_CHECKING
    assert args["order"].type == "Order"
    (missing,) = result.missing_hints
    assert missing.parameter == "later" and "NotDefinedAnywhere" in missing.detail
    plain = ghost(SHOP, "forward.py:place")
    assert first_args(plain, "place")["item"].type == "Widget"
    assert returned(plain, "place") == ["1"]


def test_self_and_cls_receivers() -> None:
    """Limit: "method receivers like self and cls ... become None"."""
    method = ghost(SHOP, "limits.py:Cart.add")
    assert reached(method) == {"limits:Cart.add", "limits:Cart.count"}
    assert first_args(method, "Cart.add")["self"].type == "Cart"
    assert returned(method, "Cart.count") == ["1"]
    classmethod_ = ghost(SHOP, "limits.py:Cart.for_customer")
    assert {"limits:Cart.for_customer", "limits:Cart.__init__"} <= reached(classmethod_)
    assert first_args(classmethod_, "Cart.for_customer")["cls"].type == "type"


def test_args_and_kwargs_empty_unless_annotated() -> None:
    """Limit: "variadic parameters such as *args and **kwargs are not handled correctly"."""
    bare = ghost(SHOP, "limits.py:log_all")
    assert returned(bare, "count_args") == ["0"]
    typed = ghost(SHOP, "limits.py:total_of")
    assert returned(typed, "count_args") == ["2"]  # one float (1.0) and one label
    unpacked = ghost(SHOP, "limits.py:configure")
    assert returned(unpacked, "configure") == ["'mock:1'"]


def test_default_values_are_used() -> None:
    """Limit: "default parameter values are ignored"."""
    result = ghost(SHOP, "limits.py:retry")
    args = first_args(result, "retry")
    assert (args["attempts"].value, args["backoff"].value, args["mode"].value) == (
        "3",
        "0.5",
        "'gentle'",
    )
    assert returned(result, "plan") == ["'gentlegentlegentle'"]


def test_value_dependent_branches_are_explored_with_variants() -> None:
    """Limit: "logic that depends on specific values, such as comparisons, parsing, indexing,
    or validation, often fails"."""
    result = ghost(SHOP, "limits.py:route")
    assert reached(result) == {
        "limits:route",
        "limits:premium",
        "limits:refund",
        "limits:standard",
    }
    assert result.attempts > 1
    scores = {a.value for call in calls(result, "route") for a in call.args if a.name == "score"}
    assert "101" in scores  # mined from `score > 100`


def test_validation_constraints_are_met_by_the_mocks() -> None:
    """Limit: "... or validation" — a pydantic `Field(gt=1000)` gets 1001, not 1."""
    pytest.importorskip("pydantic")
    result = ghost(SHOP, "limits_thirdparty.py:validate")
    assert "limits_thirdparty:accepted" in reached(result)
    assert "number=1001" in first_args(result, "validate")["invoice"].value


def test_external_state_is_answered_or_refused_and_reported(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Limit: "any dependency on external state, including files, databases, network
    connections, environment variables ... will cause failures"."""
    monkeypatch.delenv("SHOP_GHOST_API_URL", raising=False)
    result = ghost(SHOP, "limits.py:sync")
    assert {"limits:sync", "limits:offline"} <= reached(result)
    (text,) = returned(result, "offline")
    assert text == "'offline mock 5'"  # env var answered, config file read, sqlite in memory
    assert any("SHOP_GHOST_API_URL" in note for note in result.notes)
    assert any(note.startswith("refused network access") for note in result.notes)
    assert "returned without calling it" in reason(result, "limits:online")
    assert "SHOP_GHOST_API_URL" not in os.environ


def test_multi_module_chains_beyond_small_pure_functions() -> None:
    """Limit: "best suited for small, pure functions ... minimal external dependencies" — a
    chain across modules, classes, properties and super() is mapped and run."""
    result = ghost(SHOP, "scheduler.py:schedule")
    mapped = {n.id for n in result.static_map.nodes}
    assert mapped == reached(result)
    assert {"pricing:Pricer.price", "pricing:discount", "scheduler:Job.label"} <= mapped
    assert "scheduler:BaseJob.describe" in mapped
    assert "pricing:unused" not in mapped
