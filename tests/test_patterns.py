"""The verb-pattern syntax: what parses to what, and what is refused."""

from __future__ import annotations

import pytest

from eventcodes.codebook.patterns import Element, PatternSyntaxError, parse_pattern


def shape(text: str) -> tuple[list[str], list[str]]:
    p = parse_pattern(text)

    def show(els: tuple[Element, ...]) -> list[str]:
        out = []
        for e in els:
            label = {
                "words": "|".join("_".join(a) for a in e.alternatives),
                "synset": "&" + e.synset,
            }.get(e.kind, e.kind)
            out.append(("=" if e.adjacent else "") + label)
        return out

    return show(p.before), show(p.after)


@pytest.mark.parametrize(
    ("text", "before", "after"),
    [
        ("*", [], []),
        ("* +", [], ["target"]),
        ("*_on + to {withdraw|pull_out}", [], ["=on", "target", "to", "withdraw|pull_out"]),
        ("was_* by $", ["=was"], ["by", "source"]),
        ("% * talks", ["compound"], ["talks"]),
        ("* ^ sanctions on +", [], ["skip", "sanctions", "on", "target"]),
        ("* &CURRENCY", [], ["&CURRENCY"]),
        (
            "SUGGESTED_+ * DEMAND_&GENINT_CONVENTIONS",
            ["target", "=suggested"],
            ["demand", "=&GENINT", "=conventions"],
        ),
        ("* {open fire|fire_on} +", [], ["open_fire|fire_on", "target"]),
    ],
)
def test_parse(text: str, before: list[str], after: list[str]) -> None:
    assert shape(text) == (before, after)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("condemn +", "exactly one '*'"),
        ("* * +", "exactly one '*'"),
        ("* {a|b", "unclosed"),
        ("* a}", "unmatched"),
        ("% * with %", "at most one '%'"),
        ("* &lower", "bad synset name"),
        ("* {|}", "empty or bad alternative"),
        ("*_^ +", "cannot be joined"),
        ("* a__b", "empty word"),
    ],
)
def test_refused(text: str, message: str) -> None:
    with pytest.raises(PatternSyntaxError, match=message.replace("*", r"\*").replace("+", r"\+")):
        parse_pattern(text)


def test_a_role_may_be_named_twice() -> None:
    # imported PETRARCH dictionaries have patterns such as "+ * in + released"
    p = parse_pattern("+ * in + released")
    assert [e.kind for e in p.before] == ["target"]
    assert [e.kind for e in p.after] == ["words", "target", "words"]


def test_specificity_orders_longer_patterns_first() -> None:
    assert parse_pattern("*_on + to withdraw").specificity > parse_pattern("*_on +").specificity
