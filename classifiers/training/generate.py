"""Write route_examples.jsonl: the training letters, reproducibly from a seed.

    python -m classifiers.training.generate [--seed 7] [--per-route 350] [--out PATH]

Each line is {"text", "route", "template"}; `template` names the letter writer, so training can
hold out whole templates and measure how well the model carries over to unseen layouts.
"""
from __future__ import annotations

import argparse
import json
import random
from collections.abc import Callable, Iterator
from pathlib import Path

from intake.classifiers.training import applications, complaints, consultations, free_letters, others, petitions, reports
from intake.classifiers.training.banks import Stock
from intake.classifiers.training.noise import perturb
from intake.classifiers.training.scene import Scene, new_scene

Writer = tuple[str, Callable[[Stock, Scene], str], float]
WRITERS_BY_ROUTE: dict[str, tuple[Writer, ...]] = {
    "application": applications.WRITERS + (free_letters.writer("application", 4.0),),
    "petition": petitions.WRITERS + (free_letters.writer("petition", 3.0),),
    "complaint": complaints.WRITERS + (free_letters.writer("complaint", 3.0),),
    "report": reports.WRITERS + (free_letters.writer("report", 3.0),),
    "consultation": consultations.WRITERS + (free_letters.writer("consultation", 3.0),),
    "other": others.WRITERS + (free_letters.writer("other", 1.5),),
}
DEFAULT_OUT = Path(__file__).parent / "route_examples.jsonl"
DEFAULT_SEED = 7
DEFAULT_PER_ROUTE = 350


def examples(seed: int, per_route: int) -> Iterator[dict[str, str]]:
    stock = Stock(random.Random(seed))
    seen: set[str] = set()
    for route, writers in WRITERS_BY_ROUTE.items():
        weights = [weight for _, _, weight in writers]
        made = 0
        while made < per_route:
            template, write, _ = stock.rng.choices(writers, weights)[0]
            scene = new_scene(stock)
            text = perturb(stock, write(stock, scene), scene.agency)
            if text in seen or len(text) < 8:
                continue
            seen.add(text)
            made += 1
            yield {"text": text, "route": route, "template": template}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--per-route", type=int, default=DEFAULT_PER_ROUTE)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    rows = list(examples(args.seed, args.per_route))
    random.Random(args.seed).shuffle(rows)
    with args.out.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"wrote {len(rows)} examples to {args.out}")


if __name__ == "__main__":
    main()
