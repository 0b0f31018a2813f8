"""Train the route classifier and save it inside the package.

    python scripts/train_route.py [--examples PATH] [--config PATH] [--out DIR] [--dev-share 0.2]
                                  [--template-check] [--no-save]

Builds a blank Chinese spaCy pipeline with a `textcat` from classifiers/config.cfg, trains it
with the config's seed on a stratified share of classifiers/training/route_examples.jsonl, prints
held-out accuracy and macro-F1, and saves the pipeline to classifiers/models/route/.

`--template-check` also trains a throw-away model with one letter template per route held out
entirely and reports how it does on those unseen layouts — a harder, more honest figure than the
random split, where the same templates appear on both sides. Hand-written letters in
classifiers/training/route_handwritten.jsonl (never used for training) are scored too.

Same examples + same config → the same weights: Python, NumPy and thinc are seeded from the
config and the examples are shuffled by a seeded generator.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import shutil
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from intake.classifiers.route.model import ROUTES, prepare  # noqa: E402

EXAMPLES = REPO / "classifiers" / "training" / "route_examples.jsonl"
HANDWRITTEN = REPO / "classifiers" / "training" / "route_handwritten.jsonl"
CONFIG = REPO / "classifiers" / "config.cfg"
OUT = REPO / "classifiers" / "models" / "route"


def read_examples(path: Path) -> list[dict[str, str]]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    unknown = {row["route"] for row in rows} - set(ROUTES)
    if unknown:
        raise SystemExit(f"{path}: unknown routes {sorted(unknown)}")
    return rows


def split(rows: list[dict[str, str]], dev_share: float, seed: int) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """Stratified by route, so every route is in the held-out share in proportion."""
    rng = random.Random(seed)
    by_route: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        by_route[row["route"]].append(row)
    train: list[dict[str, str]] = []
    dev: list[dict[str, str]] = []
    for route in ROUTES:
        group = list(by_route[route])
        rng.shuffle(group)
        cut = round(len(group) * dev_share)
        dev.extend(group[:cut])
        train.extend(group[cut:])
    return train, dev


def train(rows: list[dict[str, str]], config: Any, *, key: str = "route", labels: tuple[str, ...] = ROUTES,
          prepare: Any = prepare) -> Any:
    """A textcat trained on `rows` (each row's `key` is its label, one of `labels`)."""
    import spacy
    from spacy.training import Example
    from spacy.util import registry
    from thinc.api import fix_random_seed

    training = config["training"]
    seed = int(training["seed"])
    fix_random_seed(seed)
    nlp = spacy.util.load_model_from_config(config, auto_fill=True, validate=True)
    examples = [
        Example.from_dict(nlp.make_doc(prepare(row["text"])), {"cats": {label: float(label == row[key]) for label in labels}})
        for row in rows
    ]
    resolved = registry.resolve({"optimizer": training["optimizer"], "batcher": training["batcher"]})
    optimizer, batcher = resolved["optimizer"], resolved["batcher"]
    nlp.initialize(lambda: examples, sgd=optimizer)
    rng = random.Random(seed)
    for epoch in range(int(training["max_epochs"])):
        rng.shuffle(examples)
        losses: dict[str, float] = {}
        for batch in batcher(examples):
            nlp.update(batch, drop=float(training["dropout"]), sgd=optimizer, losses=losses)
        print(f"  epoch {epoch + 1:2d}  loss {losses.get('textcat', 0.0):.4f}", file=sys.stderr)
    adopt_averages(nlp, optimizer.averages or {})
    return nlp


def adopt_averages(nlp: Any, averages: dict[tuple[int, str], Any]) -> None:
    """Keep Adam's running averages of the weights, which generalise better than the last step's.

    `nlp.use_params` does this only inside a `with` block; evaluation and saving both want it.
    """
    for _, component in nlp.pipeline:
        for node in component.model.walk():
            for name in node.param_names:
                if (node.id, name) in averages:
                    node.set_param(name, averages[(node.id, name)])


def evaluate(nlp: Any, rows: list[dict[str, str]]) -> dict[str, Any]:
    gold = [row["route"] for row in rows]
    predicted = []
    for doc in nlp.pipe((prepare(row["text"]) for row in rows), batch_size=64):
        predicted.append(max(ROUTES, key=lambda route: doc.cats.get(route, 0.0)))
    confusion: Counter[tuple[str, str]] = Counter(zip(gold, predicted))
    f1: dict[str, float] = {}
    for route in ROUTES:
        tp = confusion[(route, route)]
        fp = sum(confusion[(other, route)] for other in ROUTES if other != route)
        fn = sum(confusion[(route, other)] for other in ROUTES if other != route)
        f1[route] = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    present = [route for route in ROUTES if route in gold]
    errors = [(row, guess) for row, guess in zip(rows, predicted) if guess != row["route"]]
    return {
        "n": len(rows), "accuracy": sum(g == p for g, p in zip(gold, predicted)) / max(len(rows), 1),
        "macro_f1": sum(f1[route] for route in present) / max(len(present), 1), "f1": f1,
        "confusion": confusion, "errors": errors,
    }


def report(title: str, result: dict[str, Any], show_errors: int = 0) -> None:
    print(f"{title}: n={result['n']} accuracy={result['accuracy']:.3f} macro-F1={result['macro_f1']:.3f}")
    print("  per route F1: " + ", ".join(f"{route} {result['f1'][route]:.2f}" for route in ROUTES))
    confusion = result["confusion"]
    print("  confusion (rows gold, columns predicted): " + " ".join(route[:4] for route in ROUTES))
    for route in ROUTES:
        print(f"    {route[:12]:12s} " + " ".join(f"{confusion[(route, other)]:4d}" for other in ROUTES))
    for row, guess in result["errors"][:show_errors]:
        snippet = row["text"].replace("\n", " ")[:70]
        print(f"  ✗ {row['route']} → {guess}: {snippet}")


def template_check(rows: list[dict[str, str]], config: Any, seed: int) -> None:
    """Hold out one whole template per route (the most frequent) and score on it."""
    rng = random.Random(seed)
    held: set[str] = set()
    for route in ROUTES:
        templates = sorted({row["template"] for row in rows if row["route"] == route and "template" in row})
        if len(templates) > 1:
            held.add(rng.choice(templates))
    train_rows = [row for row in rows if row.get("template") not in held]
    dev_rows = [row for row in rows if row.get("template") in held]
    print(f"template check: held out {sorted(held)}")
    nlp = train(train_rows, config)
    report("unseen templates", evaluate(nlp, dev_rows), show_errors=8)


def main(argv: list[str] | None = None) -> None:
    import spacy

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--examples", type=Path, default=EXAMPLES)
    parser.add_argument("--config", type=Path, default=CONFIG)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--dev-share", type=float, default=0.2)
    parser.add_argument("--template-check", action="store_true")
    parser.add_argument("--no-save", action="store_true")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    config = spacy.util.load_config(args.config, interpolate=True)
    seed = int(config["training"]["seed"])
    rows = read_examples(args.examples)
    train_rows, dev_rows = split(rows, args.dev_share, seed)
    print(f"{len(rows)} examples: {len(train_rows)} train, {len(dev_rows)} held out; seed {seed}")
    nlp = train(train_rows, config)
    held_out = evaluate(nlp, dev_rows)
    report("held-out split", held_out, show_errors=10)
    handwritten = None
    if HANDWRITTEN.is_file():
        handwritten = evaluate(nlp, read_examples(HANDWRITTEN))
        report("hand-written letters", handwritten, show_errors=20)
    if not args.no_save:
        nlp.meta.update({
            "name": "route", "version": "1.0.0",
            "description": "Route of a letter to a market-regulation bureau (intake); char n-gram textcat.",
            "performance": {"held_out_accuracy": round(held_out["accuracy"], 4),
                            "held_out_macro_f1": round(held_out["macro_f1"], 4),
                            **({"handwritten_accuracy": round(handwritten["accuracy"], 4),
                                "handwritten_macro_f1": round(handwritten["macro_f1"], 4),
                                "handwritten_n": handwritten["n"]} if handwritten else {})},
            "training": {"examples_sha256": hashlib.sha256(args.examples.read_bytes()).hexdigest(),
                         "train": len(train_rows), "held_out": len(dev_rows), "seed": seed},
        })
        if args.out.exists():
            shutil.rmtree(args.out)
        nlp.to_disk(args.out)
        size = sum(path.stat().st_size for path in args.out.rglob("*") if path.is_file())
        print(f"saved to {args.out} ({size / 1e6:.2f} MB)")
    if args.template_check:
        template_check(rows, config, seed)
    print(f"done in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
