"""The words and regular expressions that find date expressions: anchors, neighbours, future cues."""

from __future__ import annotations

import datetime
import re

from ..numbers import CARDINALS


def _wordset(text: str) -> frozenset[str]:
    """Return the set of the whitespace-separated words of ``text``."""
    return frozenset(text.split())


_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WEEKDAY_NUM = {name.lower(): i for i, name in enumerate(_WEEKDAYS)}
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
MONTH_SET = frozenset(_MONTHS)
MONTH_NUM = {name.lower(): i + 1 for i, name in enumerate(_MONTHS)}
MONTH_NUM.update(
    {
        "jan": 1,
        "feb": 2,
        "mar": 3,
        "apr": 4,
        "jun": 6,
        "jul": 7,
        "aug": 8,
        "sep": 9,
        "sept": 9,
        "oct": 10,
        "nov": 11,
        "dec": 12,
    }
)
NUMBER_WORDS = {"a": 1, "an": 1, **CARDINALS}

# Nouns that make a preceding number a quantity, not a day or a year ("May 12 people",
# "in 2000 years", "a crowd of 1900 protesters").
COUNT_NOUNS = _wordset(
    """
    people persons troops soldiers civilians children kids women men residents refugees migrants
    protesters demonstrators fighters militants rebels insurgents police policemen officers workers
    prisoners detainees hostages students votes voters seats dollars euros pounds yuan rupees yen
    tons tonnes barrels litres liters gallons km kilometres kilometers miles metres meters feet
    acres hectares homes houses buildings cases deaths casualties victims dead wounded injured
    years months weeks days hours minutes seconds times members delegates villages vehicles tanks
    rockets missiles drones shells rounds units jobs families cars flights passengers trucks
    ships aircraft planes jets percent per pieces copies signatures arrests lives more other others
    """
)

# Capitalised words before a weekday that make it a holiday or a name, not a date.
WEEKDAY_BLOCK_BEFORE = _wordset(
    """
    good black bloody super cyber palm easter ash holy maundy giving shrove whit blue manic
    casual
    """
)
# Words after a weekday that make it a title (newspapers, shows) or not a date.
WEEKDAY_BLOCK_AFTER = re.compile(
    r"\s+(?:(?:Times|Telegraph|Express|Mirror|Post|Herald|Independent|Mail|People|Sport|Star"
    r"|Tribune|Business|Review|Observer|Bloody|schools?|papers?|newspapers?|editions?"
    r"|supplements?|magazines?)\b|(?:Night|Morning)\s+[A-Z])"
)
# Capitalised words after a month-day that make it a name ("the March 14 Alliance").
NAME_AFTER_DATE = re.compile(
    r"\s+(?:Movement|Alliance|Coalition|Revolution|Uprising|Youth|Party|Front|Group|Brigades?"
    r"|Bridge|Street|Square|Avenue|Stadium|University|Declaration)\b"
)
# Nouns before "of" that make "of <month>" or "of <year>" a time ("the end of March").
TIME_BEFORE_OF = _wordset(
    """
    end start beginning middle half quarter week weeks month months days part rest course
    spring summer autumn fall winter ides elections election first second third fourth last
    """
)
# Words that may follow "the 12th" in a date ("on the 12th, police ...").
AFTER_ORDINAL_OK = _wordset(
    """
    and when at in as after before but or to with while that the a an which until amid during
    police officials troops he she they it
    """
)

# ---------------------------------------------------------------------------------------------
# Regular expressions
# ---------------------------------------------------------------------------------------------


def _literal_first_alternation(words: list[str]) -> str:
    """Return an alternation of ``words`` grouped by first character, longest first.

    Every branch starts with a literal character, so ``re`` skips the positions whose character
    starts no branch without entering the matcher: a sentence without a candidate costs one fast
    scan.
    """
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[0], []).append(word[1:])
    branches = []
    for first, rests in groups.items():
        rests = sorted(set(rests), key=len, reverse=True)
        branches.append(first + (rests[0] if len(rests) == 1 else "(?:" + "|".join(rests) + ")"))
    return "|".join(branches)


_WD = "|".join(_WEEKDAYS)
_FULL_MONTH = "(?:" + "|".join(_MONTHS) + r")\b"
_ABBR_MONTH = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?:\.|\b)"
_DAY = r"(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\w%]|[.,]\d|-\w|:\d)"
_YEAR_END = r"(?![\w%]|[.,]\d|[-\u2013/]\d)"

# Anchor words: each date expression contains one. Lower-case anchors are parts of words so that
# few letters start a branch ("fternoon" for afternoon, "morrow" for tomorrow).
_REL_ANCHORS = ["Today", "Yesterday", "Tomorrow", "Tonight"]
_REL_ANCHORS += ["day", "week", "month", "year", "night", "morning", "fternoon", "vening", "morrow"]
_MONTH_ANCHORS = [*_MONTHS, "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov"]
_MONTH_ANCHORS.append("Dec")
_DIGIT_ANCHORS = [r"19\d\d", r"20\d\d", "1st", "2nd", "3rd"] + [f"{d}th" for d in range(10)]
TRIGGER = re.compile(
    _literal_first_alternation([*_WEEKDAYS, *_MONTH_ANCHORS, *_REL_ANCHORS, *_DIGIT_ANCHORS])
)
ANCHOR_KIND = {word: "weekday" for word in _WEEKDAYS}
ANCHOR_KIND.update({word: "month" for word in _MONTH_ANCHORS})
ANCHOR_KIND.update({word: "relative" for word in _REL_ANCHORS})

# Around a weekday.
WD_LEFT = re.compile(
    r"\b(?P<pre>(?i:(?:early|late|earlier|later)(?:\s+on)?|next|last|this\s+coming|this\s+past))"
    r"\s+$"
)
WD_RIGHT = re.compile(
    r"(?:\s+(?P<part>night|morning|afternoon|evening|midday|noon)\b)?"
    r"(?:\s+of\s+(?P<wk>last|this|next)\s+week\b)?"
)
# Around a month name.
MONTH_RIGHT = re.compile(
    rf"(?P<mon>{_FULL_MONTH}|{_ABBR_MONTH})"
    rf"(?:\s+{_DAY}(?:,?\s+(?P<year>(?:19|20)\d\d){_YEAR_END})?"
    rf"|(?:\s+of)?,?\s+(?P<myear>(?:19|20)\d\d){_YEAR_END})?"
)
REL_YEAR_AFTER_MONTH = re.compile(r"\s+(?P<rel>(?i:last|this|next))\s+year\b")
WD_BEFORE_DATE = re.compile(rf"\b(?P<wd>{_WD}),?\s+$")
DAY_BEFORE_MONTH = re.compile(
    rf"(?:\b(?P<wd>{_WD}),?\s+)?(?:\b[Tt]he\s+)?(?<![\w,.])(?P<day>3[01]|[12]\d|0?[1-9])"
    r"(?:st|nd|rd|th)?(?:\s+of)?\s+$"
)
MOD_BEFORE_MONTH = re.compile(r"\b(?P<rel>(?i:last|next|this|early|late)\s+|(?i:mid)-?\s*)$")
PREP_BEFORE_MONTH = re.compile(
    r"\b(?P<cue>(?i:in|since|by|until|till|throughout|through|during|from|of|before|after"
    r"|around))\s+$"
)
NAMED_MARCH = re.compile(r"\s+(?:for|against)\s+[A-Z]")
# Around a four-digit year.
ISO_RIGHT = re.compile(
    r"(?P<year>(?:19|20)\d\d)-(?P<mo>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01])(?![\d])"
)
YEAR_RIGHT = re.compile(rf"(?:19|20)\d\d{_YEAR_END}")
YEAR_LEFT = re.compile(
    r"\b(?P<cue>(?i:in|since|during|by|until|till|throughout|through|of))\s+"
    r"(?P<mod>(?i:the\s+year|early|late)\s+|(?i:mid)-?\s*)?$"
)
# Around an ordinal ("on the 12th").
ORDINAL = re.compile(
    r"\b(?i:on|since|by|until|till|from|before|after)\s+(?P<x>the\s+(?P<day>3[01]|[12]\d|0?[1-9])"
    r"(?:st|nd|rd|th)\b(?:\s+of\s+(?P<rel>this|last|next|the)\s+month\b)?)"
)
# After a unit word of a relative expression.
AGO_RIGHT = re.compile(r"\s+(?P<dir>ago|earlier|before)\b", re.IGNORECASE)
DAY_RIGHT = re.compile(r"\s+(?P<dir>before|after)(?:\s+(?P<other>yesterday|tomorrow)\b)?")

# Future cues; literal-first and case-sensitive for speed, the word start is checked in code.
CUE = re.compile(
    _literal_first_alternation(
        [
            r"will\b",
            r"shall\b",
            r"won['\u2019]t\b",
            r"wo\s+n't",
            r"is\s+(?:due|scheduled|set\s+to|expected\s+to|to)\b",
            r"are\s+(?:due|scheduled|set\s+to|expected\s+to|to)\b",
            r"plans?\s+to\b",
            r"planned\s+for\b",
            r"to\s+be\s+held\b",
            r"'ll\b",
            r"\u2019ll\b",
            r"Will\b",
        ]
    )
)
CLAUSE_STOP = re.compile(r"[,;:.!?()\[\]\"\u201c\u201d]")
BEFORE_OK = re.compile(
    r"\s*(?:$|[,.;:!?)\"'\u2019\u201d]|(?:and|but|when|as|while|after|or)\b)", re.IGNORECASE
)
WORD_AFTER = re.compile(r"\s+([A-Za-z]+)")
PUNCTUATION = ".,;:!?()[]{}\"'\u2018\u2019\u201c\u201d-\u2013\u2014"

DAY1 = datetime.timedelta(days=1)
