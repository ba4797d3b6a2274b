"""Tests for eventcodes.sentences: front matter stripping and sentence splitting."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventcodes.sentences import Sentence, split_sentences, strip_front_matter

# The project's own sample input (seed article 000_c1f78d95997fd32d): nine paragraphs, one a line.
SEED_ARTICLE = (
    "SEOUL, South Korea >> South Korea and the European Union on Monday strongly condemned "
    "North Korea’s reported dispatch of troops to aid Russia’s war against Ukraine and "
    "expressed concerns that Russia could reward North Korea with transfers of sensitive "
    "technology to enhance its nuclear and missile programs.\n"
    "North Korea’s troop deployment, confirmed by the U.S. and NATO, threatens to expand the "
    "almost 3-year-long war and is causing security jitters in South Korea and elsewhere "
    "about what Russia could give North Korea in return.\n"
    "After a meeting in Seoul, South Korean Foreign Minister Cho Tae-yul and EU foreign "
    "policy chief Josep Borrell issued a joint statement condemning in the “strongest "
    "possible terms” North Korea’s deployment and voicing worries about Russia’s possible "
    "provision of materials and technology to North Korea in support of its military "
    "objectives.\n"
    "“We are also deeply concerned about the possibility for any transfer of nuclear- or "
    "ballistic missile-related technology to the DPRK, which would jeopardize the "
    "international non-proliferation efforts and threaten peace and stability on the Korean "
    "Peninsula and across the globe,” the statement said. DPRK stands for the Democratic "
    "People’s Republic of Korea, North Korea’s official name.\n"
    "Cho and Borrell called North Korea’s deployment a “flagrant” violation of multiple U.N. "
    "Security Council resolutions and called on North Korea and Russia to immediately "
    "withdraw the troops from Russia.\n"
    "Also on Monday, in Moscow, Russian President Vladimir Putin met North Korean Foreign "
    "Minister Choe Son Hui, who has been on an official visit to Russia since late last week.\n"
    "State television showed them greeting each other, but details of the meeting were not "
    "available.\n"
    "Earlier Monday, Borrell met South Korean Defense Minister Kim Yong Hyun and they agreed "
    "to work together with the international community to try to obstruct Russian-North "
    "Korean security cooperation, according to the South Korean Defense Ministry.\n"
    "North Korea and Russia haven’t explicitly confirmed the North Korean deployment. But "
    "they’ve both argued that their military cooperation conforms with international laws."
)

SEED_PARAGRAPHS = SEED_ARTICLE.split("\n")
SEED_SENTENCES = [
    SEED_PARAGRAPHS[0].removeprefix("SEOUL, South Korea >> "),
    SEED_PARAGRAPHS[1],
    SEED_PARAGRAPHS[2],
    SEED_PARAGRAPHS[3].split(" DPRK stands")[0],
    "DPRK stands for the Democratic People’s Republic of Korea, North Korea’s official name.",
    SEED_PARAGRAPHS[4],
    SEED_PARAGRAPHS[5],
    SEED_PARAGRAPHS[6],
    SEED_PARAGRAPHS[7],
    "North Korea and Russia haven’t explicitly confirmed the North Korean deployment.",
    "But they’ve both argued that their military cooperation conforms with international laws.",
]

SPLIT_CASES = [
    pytest.param(SEED_ARTICLE, SEED_SENTENCES, id="seed-article"),
    # --- datelines and bylines ---
    pytest.param(
        "SEOUL, South Korea >> South Korea and the EU met. They talked.",
        ["South Korea and the EU met.", "They talked."],
        id="dateline-ap-web-arrows",
    ),
    pytest.param(
        "MOSCOW (AP) — Russia said it would respond.",
        ["Russia said it would respond."],
        id="dateline-ap-em-dash",
    ),
    pytest.param(
        "MOSCOW (AP) -- Russia said it would respond.",
        ["Russia said it would respond."],
        id="dateline-ap-double-hyphen",
    ),
    pytest.param(
        "WASHINGTON — The White House said nothing.",
        ["The White House said nothing."],
        id="dateline-no-agency",
    ),
    pytest.param(
        "WASHINGTON (Reuters) - The Pentagon sent jets.",
        ["The Pentagon sent jets."],
        id="dateline-reuters-hyphen",
    ),
    pytest.param(
        "KYIV, Ukraine (AP) — Ukrainian forces advanced.",
        ["Ukrainian forces advanced."],
        id="dateline-region-agency",
    ),
    pytest.param(
        "UNITED NATIONS (AP) — The Security Council met.",
        ["The Security Council met."],
        id="dateline-two-word-place",
    ),
    pytest.param(
        "GAZA CITY, Gaza Strip —Israeli strikes hit a school.",
        ["Israeli strikes hit a school."],
        id="dateline-dash-without-space",
    ),
    pytest.param(
        "BEIJING, Nov 4 (Reuters) - China protested.",
        ["China protested."],
        id="dateline-month-day",
    ),
    pytest.param(
        "LONDON, 4 November 2024 (AFP) – Britain sent aid.",
        ["Britain sent aid."],
        id="dateline-day-month-year-en-dash",
    ),
    pytest.param(
        "KYIV, Ukraine, Nov. 4, 2024 (AP) — Drones struck.",
        ["Drones struck."],
        id="dateline-region-and-full-date",
    ),
    pytest.param(
        "ST. PETERSBURG, Russia ― Putin spoke.",
        ["Putin spoke."],
        id="dateline-dotted-place-horizontal-bar",
    ),
    pytest.param(
        "PORT-AU-PRINCE, Haiti (AP) — Gangs attacked.",
        ["Gangs attacked."],
        id="dateline-hyphenated-place",
    ),
    pytest.param(
        "N'DJAMENA, Chad: Troops withdrew.",
        ["Troops withdrew."],
        id="dateline-apostrophe-colon",
    ),
    pytest.param(
        "WASHINGTON —\nThe Senate voted.",
        ["The Senate voted."],
        id="dateline-on-own-line",
    ),
    pytest.param(
        "By Jane Doe\nRussia said it would respond.",
        ["Russia said it would respond."],
        id="byline-alone",
    ),
    pytest.param(
        "By JANE DOE and JOHN ROE, Associated Press\nWASHINGTON (AP) — The Senate voted.",
        ["The Senate voted."],
        id="byline-two-authors-agency-then-dateline",
    ),
    pytest.param(
        "By Jane Doe | Reuters\nMOSCOW — Talks resumed.",
        ["Talks resumed."],
        id="byline-pipe-agency-then-dateline",
    ),
    pytest.param(
        "By Jean-Paul Martin -- AFP\nParis voted.",
        ["Paris voted."],
        id="byline-hyphenated-name-double-hyphen-agency",
    ),
    pytest.param(
        "By " + "A-- A --A - " * 20 + "a",
        ["By " + "A-- A --A - " * 20 + "a"],
        id="not-byline-many-separators-no-backtracking-blowup",
    ),
    pytest.param(
        "By Jane Doe\n\nBEIJING (Reuters) - China agreed.",
        ["China agreed."],
        id="byline-blank-line-dateline",
    ),
    pytest.param(
        "Russia, Ukraine trade blame\nKYIV, Ukraine (AP) — Both sides traded blame.",
        ["Both sides traded blame."],
        id="headline-then-dateline",
    ),
    pytest.param(
        "Talks collapse\n\nBy Jane Doe\nGENEVA (Reuters) - The talks collapsed.",
        ["The talks collapsed."],
        id="headline-byline-dateline",
    ),
    pytest.param(
        "Russia, Ukraine trade blame\nBoth sides traded blame.",
        ["Russia, Ukraine trade blame", "Both sides traded blame."],
        id="headline-without-dateline-is-kept",
    ),
    pytest.param(
        "NATO — the alliance — said it would act.",
        ["NATO — the alliance — said it would act."],
        id="not-dateline-lowercase-after-dash",
    ),
    pytest.param(
        "U.N. officials said the talks failed.",
        ["U.N. officials said the talks failed."],
        id="not-dateline-no-dash",
    ),
    pytest.param(
        "By Monday, the troops had left.",
        ["By Monday, the troops had left."],
        id="not-byline-sentence",
    ),
    pytest.param(
        "Russia (AP) — Moscow said no.",
        ["Russia (AP) — Moscow said no."],
        id="not-dateline-place-not-capitals",
    ),
    pytest.param(
        "Officials met.\nMOSCOW (AP) — Talks resumed.",
        ["Officials met.", "MOSCOW (AP) — Talks resumed."],
        id="not-dateline-after-first-paragraph",
    ),
    # --- abbreviations that never end a sentence ---
    pytest.param(
        "Gen. Mark Milley spoke. He left.", ["Gen. Mark Milley spoke.", "He left."], id="abbr-Gen"
    ),
    pytest.param("Lt. Ann Smith was hurt.", ["Lt. Ann Smith was hurt."], id="abbr-Lt"),
    pytest.param("Col. Tom Jones resigned.", ["Col. Tom Jones resigned."], id="abbr-Col"),
    pytest.param("Maj. Ann Lee led the unit.", ["Maj. Ann Lee led the unit."], id="abbr-Maj"),
    pytest.param("Sgt. Bo Kim was killed.", ["Sgt. Bo Kim was killed."], id="abbr-Sgt"),
    pytest.param("Capt. Al Ray flew.", ["Capt. Al Ray flew."], id="abbr-Capt"),
    pytest.param("Adm. John Aquilino warned.", ["Adm. John Aquilino warned."], id="abbr-Adm"),
    pytest.param(
        "Mr. Putin met Mrs. Clinton and Ms. Ardern.",
        ["Mr. Putin met Mrs. Clinton and Ms. Ardern."],
        id="abbr-Mr-Mrs-Ms",
    ),
    pytest.param("Dr. Tedros warned.", ["Dr. Tedros warned."], id="abbr-Dr"),
    pytest.param("Prof. Ann Lee said so.", ["Prof. Ann Lee said so."], id="abbr-Prof"),
    pytest.param(
        "Sen. Elizabeth Warren objected.", ["Sen. Elizabeth Warren objected."], id="abbr-Sen"
    ),
    pytest.param("Rep. Jim Jordan agreed.", ["Rep. Jim Jordan agreed."], id="abbr-Rep"),
    pytest.param("Gov. Gavin Newsom signed it.", ["Gov. Gavin Newsom signed it."], id="abbr-Gov"),
    pytest.param("Pres. Joe Biden spoke.", ["Pres. Joe Biden spoke."], id="abbr-Pres"),
    pytest.param("He flew to St. Petersburg.", ["He flew to St. Petersburg."], id="abbr-St"),
    pytest.param("They climbed Mt. Everest.", ["They climbed Mt. Everest."], id="abbr-Mt"),
    pytest.param("The No. 2 official quit.", ["The No. 2 official quit."], id="abbr-No"),
    pytest.param("It was Israel vs. Hamas.", ["It was Israel vs. Hamas."], id="abbr-vs"),
    pytest.param("Roe v. Wade was overturned.", ["Roe v. Wade was overturned."], id="abbr-v"),
    pytest.param(
        "Apple Inc. Chief Tim Cook spoke.", ["Apple Inc. Chief Tim Cook spoke."], id="abbr-Inc"
    ),
    pytest.param(
        "Acme Corp. Chairman Bo Li quit.", ["Acme Corp. Chairman Bo Li quit."], id="abbr-Corp"
    ),
    pytest.param(
        "Acme Ltd. Director Al Wu quit.", ["Acme Ltd. Director Al Wu quit."], id="abbr-Ltd"
    ),
    pytest.param(
        "Ford Motor Co. Chief Jim Farley spoke.",
        ["Ford Motor Co. Chief Jim Farley spoke."],
        id="abbr-Co",
    ),
    pytest.param(
        "It began Jan. 6 in Washington.", ["It began Jan. 6 in Washington."], id="abbr-Jan"
    ),
    pytest.param(
        "Russia invaded Feb. 24 last year.", ["Russia invaded Feb. 24 last year."], id="abbr-Feb"
    ),
    pytest.param("She fled Aug. 15 from Kabul.", ["She fled Aug. 15 from Kabul."], id="abbr-Aug"),
    pytest.param(
        "The attacks of Sept. 11 shocked.", ["The attacks of Sept. 11 shocked."], id="abbr-Sept"
    ),
    pytest.param("It ended Sep. 30 quietly.", ["It ended Sep. 30 quietly."], id="abbr-Sep"),
    pytest.param(
        "Hamas attacked Oct. 7 at dawn.", ["Hamas attacked Oct. 7 at dawn."], id="abbr-Oct"
    ),
    pytest.param("Voters went Nov. 5 to polls.", ["Voters went Nov. 5 to polls."], id="abbr-Nov"),
    pytest.param("Talks begin Dec. 1 in Doha.", ["Talks begin Dec. 1 in Doha."], id="abbr-Dec"),
    # --- abbreviations that may end a sentence: split only before a sentence opener ---
    pytest.param(
        "The U.S. Navy sent ships. Iran objected.",
        ["The U.S. Navy sent ships.", "Iran objected."],
        id="abbr-US-inside",
    ),
    pytest.param(
        "Iran imposed sanctions on the U.S. The move angered Washington.",
        ["Iran imposed sanctions on the U.S.", "The move angered Washington."],
        id="abbr-US-sentence-end",
    ),
    pytest.param(
        "China criticised the U.S. However, talks continue.",
        ["China criticised the U.S.", "However, talks continue."],
        id="abbr-US-end-before-however",
    ),
    pytest.param(
        "The U.N. Security Council met. It voted.",
        ["The U.N. Security Council met.", "It voted."],
        id="abbr-UN-inside",
    ),
    pytest.param(
        "Israel defied the U.N. It kept bombing.",
        ["Israel defied the U.N.", "It kept bombing."],
        id="abbr-UN-sentence-end",
    ),
    pytest.param(
        "The U.K. Foreign Office protested. Russia shrugged.",
        ["The U.K. Foreign Office protested.", "Russia shrugged."],
        id="abbr-UK",
    ),
    pytest.param(
        "The E.U. Commission agreed. Hungary objected.",
        ["The E.U. Commission agreed.", "Hungary objected."],
        id="abbr-EU",
    ),
    pytest.param(
        "Officials in Washington, D.C. Mayor Muriel Bowser spoke.",
        ["Officials in Washington, D.C. Mayor Muriel Bowser spoke."],
        id="abbr-DC",
    ),
    pytest.param(
        "It began at 5 a.m. Monday and lasted hours.",
        ["It began at 5 a.m. Monday and lasted hours."],
        id="abbr-am-inside",
    ),
    pytest.param(
        "It began at 5 a.m. The army responded.",
        ["It began at 5 a.m.", "The army responded."],
        id="abbr-am-sentence-end",
    ),
    pytest.param(
        "Polls close at 8 p.m. Eastern time.",
        ["Polls close at 8 p.m. Eastern time."],
        id="abbr-pm",
    ),
    pytest.param(
        "They sold oil, gas, etc. The deal collapsed.",
        ["They sold oil, gas, etc.", "The deal collapsed."],
        id="abbr-etc-sentence-end",
    ),
    pytest.param(
        "They sold oil, gas, etc. Russian buyers paid.",
        ["They sold oil, gas, etc. Russian buyers paid."],
        id="abbr-etc-before-non-opener-is-kept",
    ),
    pytest.param(
        "Iran warned the U.S.” The talks ended.",
        ["Iran warned the U.S.”", "The talks ended."],
        id="abbr-US-closing-quote",
    ),
    pytest.param(
        "Martin Luther King Jr. Day is a holiday.",
        ["Martin Luther King Jr. Day is a holiday."],
        id="abbr-Jr",
    ),
    pytest.param(
        "He lives in Sacramento, Calif. The city is hot.",
        ["He lives in Sacramento, Calif.", "The city is hot."],
        id="abbr-state-sentence-end",
    ),
    # --- initials and numbers ---
    pytest.param(
        "George W. Bush visited Iraq. He met troops.",
        ["George W. Bush visited Iraq.", "He met troops."],
        id="initial-middle",
    ),
    pytest.param(
        "J. R. R. Tolkien wrote books.", ["J. R. R. Tolkien wrote books."], id="initials-chain"
    ),
    pytest.param(
        "They chose Plan B. The others refused.",
        ["They chose Plan B.", "The others refused."],
        id="single-capital-sentence-end",
    ),
    pytest.param(
        "The economy grew 3.5 percent. Exports rose.",
        ["The economy grew 3.5 percent.", "Exports rose."],
        id="decimal-number",
    ),
    pytest.param(
        "Troops left in 2023. 200 remained.",
        ["Troops left in 2023.", "200 remained."],
        id="next-sentence-starts-with-digit",
    ),
    # --- quotes, brackets, other punctuation ---
    pytest.param(
        "“The talks failed,” he said. “We will try again.” Officials agreed.",
        ["“The talks failed,” he said.", "“We will try again.”", "Officials agreed."],
        id="curly-quotes-kept-with-sentence",
    ),
    pytest.param(
        '"We are ready." The minister left.',
        ['"We are ready."', "The minister left."],
        id="straight-quote-after-period",
    ),
    pytest.param(
        "“Talks failed. but we go on,” he said.",
        ["“Talks failed. but we go on,” he said."],
        id="quote-period-then-lowercase",
    ),
    pytest.param(
        "“We will fight … The enemy will lose,” he said.",
        ["“We will fight … The enemy will lose,” he said."],
        id="ellipsis-inside-curly-quote",
    ),
    pytest.param(
        '"We will fight... They will lose," he said.',
        ['"We will fight... They will lose," he said.'],
        id="ellipsis-inside-straight-quote",
    ),
    pytest.param(
        "He said: “We won. We will fight … The enemy will lose.” Then he left.",
        ["He said: “We won.", "We will fight … The enemy will lose.”", "Then he left."],
        id="ellipsis-in-quote-opened-by-earlier-sentence",
    ),
    pytest.param(
        "The talks stalled… Then they resumed.",
        ["The talks stalled…", "Then they resumed."],
        id="ellipsis-outside-quote",
    ),
    pytest.param(
        "Will Russia respond? Analysts doubt it.",
        ["Will Russia respond?", "Analysts doubt it."],
        id="question-mark",
    ),
    pytest.param(
        "Stop the war! Protesters shouted.",
        ["Stop the war!", "Protesters shouted."],
        id="exclamation-mark",
    ),
    pytest.param(
        "“Why now?” he asked.", ["“Why now?” he asked."], id="question-in-quote-then-lowercase"
    ),
    pytest.param(
        "He spoke. (The text came later.) Nobody replied.",
        ["He spoke.", "(The text came later.)", "Nobody replied."],
        id="brackets",
    ),
    pytest.param(
        "Prices rose 5 pct. in May.", ["Prices rose 5 pct. in May."], id="period-then-lowercase"
    ),
    # --- lines, whitespace, empty ---
    pytest.param(
        "A paragraph without a full stop\nAnother one.",
        ["A paragraph without a full stop", "Another one."],
        id="newline-always-ends",
    ),
    pytest.param(
        "Line one.\r\n\r\nLine two.\n", ["Line one.", "Line two."], id="crlf-and-blank-lines"
    ),
    pytest.param(
        "  Troops   left.    Others   stayed.  ",
        ["Troops   left.", "Others   stayed."],
        id="extra-spaces",
    ),
    pytest.param("", [], id="empty"),
    pytest.param(" \n\t\n ", [], id="whitespace-only"),
]


@pytest.mark.parametrize(("text", "expected"), SPLIT_CASES)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert [s.text for s in split_sentences(text)] == expected


@pytest.mark.parametrize(("text", "_expected"), SPLIT_CASES)
def test_offsets_point_into_original_text(text: str, _expected: list[str]) -> None:
    sentences = split_sentences(text)
    assert [s.index for s in sentences] == list(range(len(sentences)))
    for sentence in sentences:
        assert text[sentence.start : sentence.end] == sentence.text


def test_seed_article() -> None:
    sentences = split_sentences(SEED_ARTICLE)
    assert SEED_ARTICLE.count("\n") + 1 == 9
    assert sentences[0].text.startswith("South Korea and the European Union")
    assert sentences[0].start == SEED_ARTICLE.index("South Korea and the European Union")
    two = [s.text for s in sentences if s.start >= SEED_ARTICLE.index("“We are also")][:2]
    assert two[0].startswith("“We are also deeply concerned")
    assert two[0].endswith("the statement said.")
    assert two[1].startswith("DPRK stands for")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("MOSCOW (AP) — Russia said.", len("MOSCOW (AP) — ")),
        ("SEOUL, South Korea >> South Korea said.", len("SEOUL, South Korea >> ")),
        ("By Jane Doe\nRussia said.", len("By Jane Doe\n")),
        ("  By Jane Doe\n\n  LONDON — Talks.", len("  By Jane Doe\n\n  LONDON — ")),
        ("Russia said.", 0),
        ("NATO — the alliance said.", 0),
        ("U.N. officials said.", 0),
        ("WASHINGTON —", 0),
        ("A — B said.", 0),
        ("Headline\nNo dateline here.", 0),
        ("", 0),
    ],
)
def test_strip_front_matter(text: str, expected: int) -> None:
    assert strip_front_matter(text) == expected


def test_sentence_is_frozen_value() -> None:
    sentence = Sentence(0, 0, 3, "Hi.")
    assert sentence == Sentence(0, 0, 3, "Hi.")
    with pytest.raises(AttributeError):
        sentence.index = 1  # type: ignore[misc]


_TRICKY = "aAbBzZ .!?…“”\"'()\n\r\t—–->:,;U.S.Dr0123456789"


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), st.text(alphabet=_TRICKY)))
def test_any_text_gives_ordered_spans_within_bounds(text: str) -> None:
    offset = strip_front_matter(text)
    assert 0 <= offset <= len(text)
    sentences = split_sentences(text)
    previous_end = offset
    for index, sentence in enumerate(sentences):
        assert sentence.index == index
        assert previous_end <= sentence.start < sentence.end <= len(text)
        assert sentence.text
        assert sentence.text == sentence.text.strip()
        assert text[sentence.start : sentence.end] == sentence.text
        previous_end = sentence.end
