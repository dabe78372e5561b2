from __future__ import annotations

from drawdown.extract.text import clean, detect_language, sentences


def test_clean_keeps_offsets() -> None:
    raw = "<p>Troops <b>left</b> Tartus&nbsp;today.</p><script>var x = 1;</script>"
    cleaned = clean(raw)
    assert len(cleaned) == len(raw)
    assert cleaned.index("Tartus") == raw.index("Tartus")
    assert "<" not in cleaned and "var x" not in cleaned


def test_language() -> None:
    assert detect_language("The convoy left the base on Monday and headed to the coast, residents said.") == "en"
    assert detect_language("غادرت القوات الروسية قاعدة حميميم الجوية يوم السبت وفقا لمصادر محلية") == "ar"
    assert detect_language("Российские войска покинули базу в субботу, сообщили местные источники") == "ru"
    assert (
        detect_language("Les troupes russes ont quitté la base dans la nuit de samedi, selon des sources locales.")
        == "fr"
    )
    assert detect_language("12 34 56 ...") == "und"


def test_sentences_split_glued_stops_and_keep_abbreviations() -> None:
    text = "Troops left Tartus.Initial reports say more. Gen. Smith spoke to the U.S. envoy.\nA new line"
    got = [s.text for s in sentences(text)]
    assert got == [
        "Troops left Tartus.",
        "Initial reports say more.",
        "Gen. Smith spoke to the U.S. envoy.",
        "A new line",
    ]
    for s in sentences(text):
        assert text[s.start : s.end] == s.text


def test_interview_sections_are_commentary() -> None:
    text = (
        "Troops left Tartus on Monday.\n\n## Interview\n\nHost: What happened?\n\nExpert: Troops left Tartus.\n\n"
        "Host: And next?\n\nExpert: More will follow."
    )
    marks = {s.text: s.commentary for s in sentences(text)}
    assert marks["Troops left Tartus on Monday."] is False
    assert marks["Expert: Troops left Tartus."] is True


def test_endless_sentences_are_cut_into_bounded_pieces() -> None:
    from drawdown.extract.text import MAX_SENTENCE

    text = "troops left the base " * 2000
    pieces = sentences(text)
    assert len(pieces) > 1 and all(len(s.text) <= MAX_SENTENCE for s in pieces)
    assert all(text[s.start : s.end] == s.text for s in pieces)
