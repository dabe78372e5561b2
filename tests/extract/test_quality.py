"""The quality gate: extraction scores on the annotated corpus must not fall below their pinned floors.

Floors sit at or just below the scores measured when they were pinned (docs/extraction.md records them and their
history). Raise a floor when the rules improve; never lower one without saying why in docs/extraction.md.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from drawdown.case import load_case
from drawdown.extract.score import load_corpus, score

CORPUS = Path(__file__).parents[1] / "data" / "extract"

# Measured 2026-11-24 (rules-1): dev F1 0.957, quantity 0.990, date 1.000, confirmation 0.980, modality 0.990;
# held-out F1 0.921, quantity 0.927, date 1.000, confirmation 0.951, modality 0.951.
# Measured 2026-11-24 (rules-2: hard-wrapped lines, bare rates, force-wide percentages, list sums): dev (120) F1
# 0.979, quantity 1.000, date 1.000, confirmation 0.974, modality 0.991; held-out F1 0.921, quantity 0.976, date
# 1.000, confirmation 0.951, modality 0.951; heldout2 (12, written before the rules-2 changes, never tuned on) F1
# 0.733, quantity 1.000, date 0.800, confirmation 0.818, modality 1.000 (it was 0.640 / 0.375 / 0.600 / 0.625 /
# 1.000 under rules-1). heldout2 is small: one pair moves its F1 by about 0.04, so its floors keep that margin.
FLOORS = {
    "dev.txt": {"f1": 0.96, "quantity": 0.98, "event_date": 0.98, "confirmation": 0.97, "modality": 0.98},
    "heldout.txt": {"f1": 0.90, "quantity": 0.95, "event_date": 0.95, "confirmation": 0.93, "modality": 0.93},
    "heldout2.txt": {"f1": 0.70, "quantity": 0.95, "event_date": 0.75, "confirmation": 0.78, "modality": 0.95},
    # French (30 excerpts written for the French pack, labelled before its rules ran): measured 2026-12-03 F1 0.931,
    # quantity 1.000, date 1.000, confirmation 0.778, modality 1.000.
    "fr.txt": {"f1": 0.90, "quantity": 0.95, "event_date": 0.95, "confirmation": 0.75, "modality": 0.95},
    # Arabic (34 excerpts written for the Arabic pack, labelled before its rules ran): measured 2026-12-03 F1 0.985,
    # quantity 1.000, date 1.000, confirmation 0.727, modality 1.000. As in French, the outlet's own statements
    # labelled confirmed are read as unconfirmed (7 of the 9 misses).
    "ar.txt": {"f1": 0.95, "quantity": 0.95, "event_date": 0.95, "confirmation": 0.70, "modality": 0.95},
    # Russian (41 excerpts written for the Russian pack, labelled before its rules ran, the outlet's own statements
    # as unconfirmed like dev.txt): measured 2026-12-06 F1 1.000, quantity 1.000, date 1.000, confirmation 0.974,
    # modality 1.000. The rules were written with these excerpts in view (they are the pack's development set, as
    # fr.txt and ar.txt are), so the floors leave room for the first rule changes.
    "ru.txt": {"f1": 0.95, "quantity": 0.95, "event_date": 0.95, "confirmation": 0.90, "modality": 0.95},
    # German (45 excerpts written for the German pack, labelled before its rules ran, the outlet's own statements as
    # unconfirmed like dev.txt): measured 2026-12-07 F1 1.000, quantity 1.000, date 1.000, confirmation 1.000,
    # modality 1.000. A development score like ru.txt's (the rules were written with these excerpts in view), so
    # the floors leave room for the first rule changes.
    "de.txt": {"f1": 0.95, "quantity": 0.95, "event_date": 0.95, "confirmation": 0.90, "modality": 0.95},
    # Italian (47 excerpts written for the Italian pack, labelled before its rules ran, the outlet's own statements
    # as unconfirmed like dev.txt): measured 2026-12-07 F1 0.979, quantity 1.000, date 1.000, confirmation 0.978,
    # modality 1.000. Its development set, like the other packs' corpora: the floors leave room for rule changes.
    "it.txt": {"f1": 0.95, "quantity": 0.95, "event_date": 0.95, "confirmation": 0.93, "modality": 0.95},
}

# The corpora of the other language packs, one per language.
LANGUAGE_CORPORA = ("fr.txt", "ar.txt", "ru.txt", "de.txt", "it.txt")


def test_corpus_is_big_enough_and_covers_the_vocabulary() -> None:
    from drawdown.model import ACTIONS

    excerpts = [e for name in FLOORS for e in load_corpus(CORPUS / name)]
    assert len(excerpts) >= 150
    covered = {g.action for e in excerpts for g in e.gold}
    assert covered == set(ACTIONS), f"actions without an example: {set(ACTIONS) - covered}"
    assert any(not e.gold for e in excerpts), "distractors (no claims) are part of the corpus"
    assert {g.modality for e in excerpts for g in e.gold} == {"asserted", "planned", "negated"}
    assert {g.confirmation for e in excerpts for g in e.gold} == {"confirmed", "unconfirmed", "denied"}
    # The held-out share is of the English corpora: the held-out sets are English, and each language pack's
    # corpus (fr.txt, ar.txt, ru.txt) is its own development set.
    english = [e for name in FLOORS if name not in LANGUAGE_CORPORA for e in load_corpus(CORPUS / name)]
    heldout = len(load_corpus(CORPUS / "heldout.txt")) + len(load_corpus(CORPUS / "heldout2.txt"))
    assert heldout >= 0.25 * len(english), "keep a held-out part that rules are not tuned on"


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_scores_stay_above_their_floors(name: str) -> None:
    result = score(load_corpus(CORPUS / name), load_case("syria-2024")).as_dict()
    for metric, floor in FLOORS[name].items():
        assert result[metric] >= floor, f"{name}: {metric} {result[metric]} fell below its floor {floor}"


def test_issue_targets_on_dev() -> None:
    result = score(load_corpus(CORPUS / "dev.txt"), load_case("syria-2024")).as_dict()
    assert result["f1"] >= 0.90 and result["confirmation"] >= 0.90 and result["event_date"] >= 0.85
