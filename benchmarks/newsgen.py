"""A seeded generator of news-like documents for the benchmarks (our own templates, no real text).

The sentences have the length and make-up of wire news: 18 to 25 words on average, datelines,
attributions ("officials said on Tuesday"), relative and subordinate clauses, quotes, dates,
numbers and places, and a large share of background sentences that hold no codeable event
(figures, history, context, quotes about nothing in particular). Written in chunks, so a corpus
of any size is generated in constant memory.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Iterator
from pathlib import Path

STATES = [
    ("South Korea", "Seoul"),
    ("North Korea", "Pyongyang"),
    ("Japan", "Tokyo"),
    ("China", "Beijing"),
    ("Russia", "Moscow"),
    ("Ukraine", "Kyiv"),
    ("France", "Paris"),
    ("Germany", "Berlin"),
    ("Poland", "Warsaw"),
    ("Turkey", "Ankara"),
    ("Iran", "Tehran"),
    ("Israel", "Jerusalem"),
    ("Egypt", "Cairo"),
    ("Sudan", "Khartoum"),
    ("Ethiopia", "Addis Ababa"),
    ("Kenya", "Nairobi"),
    ("Nigeria", "Abuja"),
    ("Brazil", "Brasilia"),
    ("Argentina", "Buenos Aires"),
    ("Mexico", "Mexico City"),
    ("Colombia", "Bogota"),
    ("Venezuela", "Caracas"),
    ("India", "New Delhi"),
    ("Pakistan", "Islamabad"),
    ("Vietnam", "Hanoi"),
    ("the Philippines", "Manila"),
    ("Indonesia", "Jakarta"),
    ("Canada", "Ottawa"),
    ("Syria", "Damascus"),
    ("Iraq", "Baghdad"),
]
DEMONYMS = {
    "South Korea": "South Korean",
    "North Korea": "North Korean",
    "Japan": "Japanese",
    "China": "Chinese",
    "Russia": "Russian",
    "Ukraine": "Ukrainian",
    "France": "French",
    "Germany": "German",
    "Poland": "Polish",
    "Turkey": "Turkish",
    "Iran": "Iranian",
    "Israel": "Israeli",
    "Egypt": "Egyptian",
    "Sudan": "Sudanese",
    "Ethiopia": "Ethiopian",
    "Kenya": "Kenyan",
    "Nigeria": "Nigerian",
    "Brazil": "Brazilian",
    "Argentina": "Argentine",
    "Mexico": "Mexican",
    "Colombia": "Colombian",
    "Venezuela": "Venezuelan",
    "India": "Indian",
    "Pakistan": "Pakistani",
    "Vietnam": "Vietnamese",
    "the Philippines": "Philippine",
    "Indonesia": "Indonesian",
    "Canada": "Canadian",
    "Syria": "Syrian",
    "Iraq": "Iraqi",
}
ROLES = [
    "President",
    "Prime Minister",
    "Foreign Minister",
    "Defense Minister",
    "officials",
    "government",
    "police",
    "troops",
    "lawmakers",
    "diplomats",
    "military",
    "foreign ministry",
]
ORGS = [
    "the United Nations",
    "NATO",
    "the European Union",
    "the African Union",
    "the World Health Organization",
    "the International Monetary Fund",
    "the Red Cross",
]
NAMES = [
    "Maria Lindqvist",
    "Ahmed Haddad",
    "Kenji Sato",
    "Olena Kovalenko",
    "Carlos Mendoza",
    "Amina Okafor",
    "Pierre Laurent",
    "Sunita Rao",
    "Tomasz Nowak",
    "Li Wei",
]
SPEECH = ["said", "told reporters", "said in a statement", "told a news conference", "wrote"]
WHEN = [
    "on Monday",
    "on Tuesday",
    "on Wednesday",
    "on Thursday",
    "on Friday",
    "late on Saturday",
    "on Sunday",
    "last week",
    "earlier this month",
    "on March 3",
    "on Nov. 14",
    "in January",
    "yesterday",
]
ACTIONS = [
    "condemned",
    "criticized",
    "praised",
    "accused {t} of violating the ceasefire",
    "met {t}",
    "held talks with {t}",
    "signed a trade agreement with {t}",
    "imposed new sanctions on {t}",
    "threatened {t} with retaliation",
    "urged {t} to return to negotiations",
    "rejected a proposal from {t}",
    "hosted a delegation from {t}",
    "agreed to provide aid to {t}",
    "expelled two diplomats from {t}",
    "attacked positions held by {t}",
    "called on {t} to release detained journalists",
    "promised to cooperate with {t}",
    "denied accusations from {t}",
]
TOPICS = [
    "the disputed border",
    "grain exports",
    "the nuclear programme",
    "refugee flows",
    "fishing rights in the strait",
    "a stalled pipeline project",
    "the detention of aid workers",
    "tariffs on steel and aluminium",
    "the upcoming election",
    "water rights on the river",
]
REASONS = [
    "citing security concerns",
    "after months of stalled talks",
    "in a move analysts had widely expected",
    "despite objections from opposition parties",
    "amid rising tensions in the region",
    "as pressure mounted at home",
]
BACKGROUND = [
    "The economy grew {p} percent in the third quarter, according to figures published by the statistics office {w}.",
    "About {n} people live in the town, which lies {k} kilometres north of {c} along the main highway.",
    "The talks, which began in {m} and have been interrupted several times, are expected to resume after the holidays.",
    "Prices for wheat, cooking oil and fuel have risen sharply since the start of the year, hitting poorer households hardest.",
    "The ministry did not immediately respond to a request for comment sent by email {w}.",
    "Turnout in the {y} election was {p} percent, the lowest since the country returned to civilian rule.",
    "Heavy rain has flooded more than {n} homes in the region over the past two weeks, local authorities said.",
    "The project, worth an estimated ${b} billion, would link the port to the capital by rail by {y}.",
    "Shares in the state energy company fell {p} percent in early trading before recovering most of their losses.",
    "It was not clear how many people had been affected or when the road would reopen to traffic.",
    "The agreement still has to be ratified by parliament, where the ruling coalition holds a narrow majority.",
    "Analysts said the decision reflected growing concern about inflation, which reached {p} percent in {m}.",
    "The festival, held every year since {y}, draws tens of thousands of visitors to the old city.",
    "Schools and markets in {c} reopened {w} after a week of closures, and buses were running normally.",
    '"We have been waiting for this for a long time, and we hope it will make a difference," one resident said.',
    "The report, which runs to more than {k}0 pages, covers the period from {m} {y} to the end of last year.",
]
MONTHS = ["January", "March", "April", "June", "August", "September", "October", "December"]


class NewsGenerator:
    """Makes news-like documents from a seed; the same seed gives the same corpus."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def _state(self) -> tuple[str, str]:
        return self.rng.choice(STATES)

    def _actor(self) -> str:
        r = self.rng.random()
        country, _ = self._state()
        if r < 0.25:
            return country[:1].upper() + country[1:]
        if r < 0.4:
            org = self.rng.choice(ORGS)
            return org[:1].upper() + org[1:]
        role = self.rng.choice(ROLES)
        if role[0].isupper():
            return f"{DEMONYMS[country]} {role} {self.rng.choice(NAMES)}"
        return f"{DEMONYMS[country]} {role}"

    def _target(self) -> str:
        r = self.rng.random()
        if r < 0.5:
            return self._state()[0]
        if r < 0.7:
            return self.rng.choice(ORGS)
        return f"{DEMONYMS[self._state()[0]].lower().capitalize()} {self.rng.choice(ROLES[4:])}"

    def _fill(self, template: str) -> str:
        rng = self.rng
        return template.format(
            p=f"{rng.randint(1, 9)}.{rng.randint(0, 9)}",
            n=f"{rng.randint(2, 90)},{rng.randint(100, 999)}",
            k=rng.randint(5, 90),
            c=self._state()[1],
            w=rng.choice(WHEN),
            m=rng.choice(MONTHS),
            y=rng.randint(1995, 2023),
            b=rng.randint(2, 40),
        )

    def event_sentence(self) -> str:
        """Return a sentence that reports an action between actors, with its clauses."""
        rng = self.rng
        source, target = self._actor(), self._target()
        action = rng.choice(ACTIONS)
        verb = action.format(t=target) if "{t}" in action else f"{action} {target}"
        when = rng.choice(WHEN)
        kind = rng.random()
        if kind < 0.3:
            return (
                f"{source} {when} {verb} over {rng.choice(TOPICS)}, "
                f"{rng.choice(REASONS)}, {rng.choice(['officials', 'state media', 'diplomats'])} said."
            )
        if kind < 0.55:
            return (
                f"In a statement released {when}, {source[:1].lower() + source[1:] if source.startswith('The ') else source} "
                f"{verb}, saying the dispute over {rng.choice(TOPICS)} could only be settled through dialogue."
            )
        if kind < 0.75:
            name = rng.choice(NAMES)
            return (
                f"{source} {verb} {when}, {name}, a spokesperson for the "
                f"{rng.choice(['ministry', 'presidency', 'alliance'])}, {rng.choice(SPEECH)}."
            )
        return (
            f"{source}, which has {rng.choice(['long', 'repeatedly', 'openly'])} "
            f"disputed {rng.choice(TOPICS)}, {verb} {when} {rng.choice(REASONS)}."
        )

    def background_sentence(self) -> str:
        """Return a sentence with no event between actors: figures, context, history, quotes."""
        return self._fill(self.rng.choice(BACKGROUND))

    def document(self, index: int, day: dt.date) -> tuple[dict[str, str], int]:
        """Return one document record and its number of sentences."""
        rng = self.rng
        n = rng.randint(6, 18)
        sentences = [
            self.event_sentence() if rng.random() < 0.38 else self.background_sentence()
            for _ in range(n)
        ]
        paragraphs, i = [], 0
        while i < n:
            k = rng.choice([1, 1, 2, 2, 3])
            paragraphs.append(" ".join(sentences[i : i + k]))
            i += k
        country, city = self._state()
        dateline = f"{city.upper()}, {country.removeprefix('the ')} (Bench) — "
        text = dateline + "\n".join(paragraphs)
        record = {
            "id": f"bench-{index:09d}",
            "date": day.isoformat(),
            "title": f"Talks on {rng.choice(TOPICS)} resume",
            "publisher": "bench",
            "text": text,
        }
        return record, n

    def records(self, sentences: int) -> Iterator[tuple[dict[str, str], int]]:
        """Yield documents until about ``sentences`` sentences have been made."""
        start = dt.date(2023, 1, 1)
        made = index = 0
        while made < sentences:
            record, n = self.document(index, start + dt.timedelta(days=self.rng.randrange(700)))
            yield record, n
            made += n
            index += 1


def write_corpus(path: Path, sentences: int, seed: int, chunk: int = 2000) -> int:
    """Write a JSONL corpus of about ``sentences`` sentences in chunks; return the number made."""
    made = 0
    lines: list[str] = []
    with path.open("w", encoding="utf-8") as out:
        for record, n in NewsGenerator(seed).records(sentences):
            lines.append(json.dumps(record))
            made += n
            if len(lines) >= chunk:
                out.write("\n".join(lines) + "\n")
                lines = []
        if lines:
            out.write("\n".join(lines) + "\n")
    return made
