"""An application-style mix: a JSON pipeline, a tiny interpreter and dataclasses.

About a million Python calls at the default size, spread over many functions of different
kinds, much like a real program's own code. Usage: `python app.py [SIZE]`; prints a checksum
that depends only on SIZE.
"""

from __future__ import annotations

import json
import random
import sys
from dataclasses import dataclass, field

WORDS = [
    "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet",
    "kilo", "lima", "mike", "november", "oscar", "papa", "quebec", "romeo", "sierra", "tango",
    "uniform", "victor", "whiskey", "xray", "yankee", "zulu",
]  # fmt: skip
DEFAULT_SIZE = 72  # rounds; each round runs the pipeline and the interpreter once

# -- a JSON pipeline over dataclass records ------------------------------------------------


@dataclass
class LineItem:
    """One line of an order."""

    sku: str
    quantity: int
    unit_cents: int

    def cents(self) -> int:
        return self.quantity * self.unit_cents


@dataclass
class Order:
    """An order as the pipeline sees it after parsing."""

    order_id: int
    customer: str
    items: list[LineItem] = field(default_factory=list)
    tags: tuple[str, ...] = ()
    keywords: dict[str, int] = field(default_factory=dict)

    def total_cents(self) -> int:
        total = 0
        for item in self.items:
            total += item.cents()
        return total


def make_notes(rng: random.Random, count: int) -> list[str]:
    """Free-text notes for orders to carry (made once: word sampling costs many C calls)."""
    return [" ".join(rng.choices(WORDS, k=160)) for _ in range(count)]


def make_documents(rng: random.Random, count: int, notes: list[str]) -> str:
    """A JSON array of raw order documents, as an upstream service would send it."""
    documents = []
    for order_id in range(count):
        items = [
            {"sku": f"SKU-{rng.randrange(500):04d}", "qty": rng.randrange(1, 6),
             "price": f"{rng.randrange(100, 10_000) / 100:.2f}"}
            for _ in range(rng.randrange(1, 5))
        ]  # fmt: skip
        documents.append(
            {"id": order_id, "customer": f"  Customer {rng.randrange(80)} ", "items": items,
             "notes": notes[rng.randrange(len(notes))]}
        )  # fmt: skip
    return json.dumps(documents)


def keywords(notes: str) -> dict[str, int]:
    """Word counts of an order's free-text notes, longer words only."""
    counts: dict[str, int] = {}
    for word in notes.lower().split():
        if len(word) > 4:
            counts[word] = counts.get(word, 0) + 1
    return counts


def parse_item(raw: dict[str, object]) -> LineItem:
    price = str(raw["price"])
    units, _, cents = price.partition(".")
    return LineItem(str(raw["sku"]), int(str(raw["qty"])), int(units) * 100 + int(cents))


def normalize_customer(name: str) -> str:
    return " ".join(name.split()).lower()


def tag_order(order: Order) -> tuple[str, ...]:
    tags = []
    if order.total_cents() > 20_000:
        tags.append("large")
    if len(order.items) > 2:
        tags.append("multi")
    return tuple(tags)


def parse_order(raw: dict[str, object]) -> Order:
    items = []
    for raw_item in raw["items"]:  # type: ignore[attr-defined]
        items.append(parse_item(raw_item))
    order = Order(int(str(raw["id"])), normalize_customer(str(raw["customer"])), items)
    order.tags = tag_order(order)
    order.keywords = keywords(str(raw["notes"]))
    return order


def summarize(orders: list[Order]) -> dict[str, int]:
    """Revenue per customer, serialized and read back as the next stage would."""
    revenue: dict[str, int] = {}
    for order in orders:
        revenue[order.customer] = revenue.get(order.customer, 0) + order.total_cents()
    return json.loads(json.dumps(revenue, sort_keys=True))  # type: ignore[no-any-return]


def run_pipeline(documents: str) -> int:
    orders = []
    for raw in json.loads(documents):
        orders.append(parse_order(raw))
    revenue = summarize(orders)
    checksum = sum(revenue.values())
    for order in orders:
        checksum += len(order.tags) + order.keywords.get("whiskey", 0)
    return checksum


# -- a tiny interpreter: tokenizer, recursive-descent parser, tree evaluator ----------------


@dataclass(frozen=True)
class Token:
    kind: str
    text: str


@dataclass(frozen=True)
class Node:
    op: str
    left: Node | None = None
    right: Node | None = None
    value: int = 0
    name: str = ""


def tokenize(source: str) -> list[Token]:
    tokens = []
    for word in source.replace("(", " ( ").replace(")", " ) ").split():
        tokens.append(classify(word))
    return tokens


def classify(word: str) -> Token:
    if word.isdigit():
        return Token("num", word)
    if word.isidentifier():
        return Token("name", word)
    return Token("op", word)


class Parser:
    """Recursive descent over `expr := term (('+'|'-') term)*`, `term := atom (('*'|'%') atom)*`."""

    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.position = 0

    def peek(self) -> str:
        return self.tokens[self.position].text if self.position < len(self.tokens) else ""

    def take(self) -> Token:
        token = self.tokens[self.position]
        self.position += 1
        return token

    def expr(self) -> Node:
        node = self.term()
        while self.peek() in ("+", "-"):
            node = Node(self.take().text, node, self.term())
        return node

    def term(self) -> Node:
        node = self.atom()
        while self.peek() in ("*", "%"):
            node = Node(self.take().text, node, self.atom())
        return node

    def atom(self) -> Node:
        token = self.take()
        if token.text == "(":
            node = self.expr()
            self.take()
            return node
        if token.kind == "num":
            return Node("num", value=int(token.text))
        return Node("var", name=token.text)


def evaluate(node: Node, env: dict[str, int]) -> int:
    if node.op == "num":
        return node.value
    if node.op == "var":
        return env[node.name]
    left = evaluate(node.left, env)  # type: ignore[arg-type]
    right = evaluate(node.right, env)  # type: ignore[arg-type]
    return apply_operator(node.op, left, right)


def apply_operator(op: str, left: int, right: int) -> int:
    if op == "+":
        return left + right
    if op == "-":
        return left - right
    if op == "*":
        return left * right
    return left % right if right else 0


def make_program(rng: random.Random, depth: int) -> str:
    if depth == 0:
        return str(rng.randrange(1, 50)) if rng.random() < 0.6 else rng.choice("xyz")
    op = rng.choice("+-*%")
    return f"( {make_program(rng, depth - 1)} {op} {make_program(rng, depth - 1)} )"


def run_interpreter(rng: random.Random, programs: int) -> int:
    total = 0
    for _ in range(programs):
        tree = Parser(tokenize(make_program(rng, 4))).expr()
        for x in range(6):
            total += evaluate(tree, {"x": x, "y": x * 3 + 1, "z": 7 - x}) % 1_000_003
    return total


def main(size: int = DEFAULT_SIZE) -> str:
    """Run the workload and return its checksum."""
    rng = random.Random(1234)
    notes = make_notes(rng, 32)
    pipeline = interpreter = 0
    for _ in range(size):
        pipeline += run_pipeline(make_documents(rng, 120, notes))
        interpreter += run_interpreter(rng, 25)
    return f"{pipeline}-{interpreter}"


if __name__ == "__main__":
    print(f"checksum: {main(int(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SIZE)}")
