"""Train the clause-role classifier and save it inside the package.

    python scripts/train_clauses.py [--seed 11] [--per-role 1800] [--out DIR] [--check] [--no-save]

Writes the training clauses (classifiers/training/clauses.py, seeded), trains a textcat with the
route model's config (classifiers/config.cfg) on them and saves it. `--check` first trains a
throw-away model with whole writer styles held out (one per role) and prints its accuracy on them
— the honest figure: how the model carries over to ways of putting a role it has never seen.
Same seed → the same weights.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import shutil
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

from intake.classifiers.clauses.model import DEFAULT_PATH, ROLES, prepare  # noqa: E402
from intake.classifiers.training.clauses import examples  # noqa: E402
from train_route import CONFIG, train  # noqa: E402


def accuracy(nlp: object, rows: list[dict[str, str]]) -> tuple[float, Counter[tuple[str, str]]]:
    confusion: Counter[tuple[str, str]] = Counter()
    for row, doc in zip(rows, nlp.pipe(prepare(row["text"]) for row in rows)):  # type: ignore[attr-defined]
        confusion[(row["role"], max(ROLES, key=lambda role: doc.cats.get(role, 0.0)))] += 1
    right = sum(count for (gold, guess), count in confusion.items() if gold == guess)
    return right / max(len(rows), 1), confusion


def held_out_check(rows: list[dict[str, str]], config: object, rng: random.Random) -> tuple[float, float]:
    styles = sorted({row["style"] for row in rows})
    held = {rng.choice([s for s in styles if s.startswith(role + ":")]) for role in ROLES
            if len([s for s in styles if s.startswith(role + ":")]) > 1}
    unseen = [row for row in rows if row["style"] in held]
    seen = [row for row in rows if row["style"] not in held]
    cut = len(seen) // 5
    nlp = train(seen[cut:], config, key="role", labels=ROLES, prepare=prepare)
    split_accuracy, _ = accuracy(nlp, seen[:cut])
    style_accuracy, confusion = accuracy(nlp, unseen)
    print(f"{len(rows)} clauses; random split accuracy {split_accuracy:.3f}; "
          f"held-out styles {sorted(held)}: accuracy {style_accuracy:.3f}")
    for (gold, guess), count in sorted(confusion.items()):
        if gold != guess:
            print(f"  {gold} → {guess}: {count}")
    return round(split_accuracy, 4), round(style_accuracy, 4)


def main() -> None:
    import spacy

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--per-role", type=int, default=1800)
    parser.add_argument("--out", type=Path, default=DEFAULT_PATH)
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--no-save", action="store_true")
    args = parser.parse_args()
    started = time.perf_counter()
    config = spacy.util.load_config(CONFIG, interpolate=True)
    rows = list(examples(args.seed, args.per_role))
    rng = random.Random(args.seed)
    rng.shuffle(rows)
    split_accuracy = style_accuracy = None
    if args.check:
        split_accuracy, style_accuracy = held_out_check(rows, config, rng)
    if not args.no_save:
        final = train(rows, config, key="role", labels=ROLES, prepare=prepare)
        final.meta.update({"name": "clauses", "version": "1.0.0",
                           "description": "Clause roles of letters to a market-regulation bureau (intake).",
                           "performance": {"random_split_accuracy": split_accuracy,
                                           "held_out_style_accuracy": style_accuracy},
                           "training": {"clauses": len(rows), "seed": args.seed,
                                        "examples_sha256": hashlib.sha256(
                                            json.dumps(rows, ensure_ascii=False).encode()).hexdigest()}})
        if args.out.exists():
            shutil.rmtree(args.out)
        final.to_disk(args.out)
        size = sum(path.stat().st_size for path in args.out.rglob("*") if path.is_file())
        print(f"saved to {args.out} ({size / 1e6:.2f} MB)")
    print(f"done in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
