"""What the coder decided about a verb: its status and the notes that say why, as data.

Shared by every stage of the coder, by ``explain`` and by ``audit``: code branches on
``VerbStatus``, ``Mode`` and ``Why``; the words a user reads are rendered from them here, in
``Note.render``, and nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum, StrEnum

from ..codebook.model import VerbEntry
from ..dates import DateMatch
from .actors import Chunk


class VerbStatus(StrEnum):
    """The outcome for one verb occurrence (its value is the word explain prints)."""

    CODED = "coded"
    SKIPPED = "skipped"
    QUESTION = "question"
    STOPPED = "stopped"
    NO_CODE = "no code"
    NEGATED = "negated"
    MODAL = "modal"
    CONDITIONAL = "conditional"
    CLAIMED = "claimed"
    INTENT = "intent"
    REFUSAL = "refusal"
    NO_SOURCE = "no source"
    NO_TARGET = "no target"
    BACKGROUND = "background"


#: statuses that mean a rule (a pattern or a verb's default) decided the verb's outcome
FIRED = frozenset({VerbStatus.CODED, VerbStatus.STOPPED})


class Mode(StrEnum):
    """How a verb is asserted when it is not simply done: announced, or refused."""

    INTENT = "intent"
    REFUSAL = "refusal"
    #: "X said Y must disarm": X demands of Y
    DEMAND = "demand"

    @property
    def status(self) -> VerbStatus:
        """Return the status of a verb in this mode that the intents table cannot map."""
        if self is Mode.DEMAND:
            return VerbStatus.MODAL
        return VerbStatus.INTENT if self is Mode.INTENT else VerbStatus.REFUSAL


class Why(Enum):
    """Why a verb has its status, or what was done to it; the value is the message template."""

    # not used as a verb
    ACTOR_NAME = "part of an actor name"
    CAPITALISED = "capitalised: a name, not a verb"
    AFTER_DETERMINER = "after a determiner: a noun"
    HYPHENATED = "part of a hyphenated adjective (Iran-backed)"
    PARTICIPLE_MODIFIER = "a participle modifying the actor before it (forces backed by X)"
    DENIED = "denied ('{0}')"
    AFTER_PREPOSITION = "after a preposition: a noun or gerund"
    AFTER_DETERMINER_ADJECTIVE = "after a determiner and an adjective: a noun"
    AFTER_NOUN_MODIFIER = "after a noun modifier: a noun"
    AFTER_ADJECTIVE = "after an adjective: a noun"
    INFINITIVE = "an infinitive: coded only through the verb that governs it"
    # skipped for another reason
    CONSUMED = "part of an earlier verb's pattern"
    INFINITIVE_CODED = "its infinitive was coded as the event"
    QUESTION = "the sentence is a question"
    # rules
    STOP_PATTERN = "stop pattern {0}"
    NO_DEFAULT = "no pattern matched and the verb has no default code"
    # modality
    NEGATED = "negated by '{0}'"
    HYPOTHETICAL = "hypothetical ('{0}')"
    CONDITIONAL = "in a clause with '{0}'"
    CLAIMED = "reported as a {0}, not asserted"
    NO_MODE_CODE = "no {0} code for {1} in the intents table"
    MODE_CODE = "{0}: {1} -> {2}"
    UNNAMED_SOURCE = "unnamed source: {0}"
    SAME_ATTACK = "the same attack as the verb before 'and' (shot and killed)"
    # roles
    PASSIVE_WITHOUT_AGENT = "passive without a 'by' actor"
    NO_SUBJECT = "no actor on the subject side"
    RECIPROCAL = "reciprocal: each member with the others"
    PRONOUN = "'{0}' resolved to an earlier actor"
    NO_DYAD = "require_dyad is set and no target was found"
    # events
    BACKGROUND = "dated {0}, over {1} days before publication"


@dataclass(frozen=True)
class Note:
    """One reason with its particulars: ``Note(Why.NEGATED, ("not",))``."""

    why: Why
    args: tuple[object, ...] = ()

    def render(self) -> str:
        """Return the note in words."""
        return self.why.value.format(*self.args)


def note(why: Why, *args: object) -> Note:
    """Return a note; the arguments fill the template's fields in order."""
    return Note(why, args) if args else _PLAIN[why]


#: the note of each reason without particulars, made once (a Note is immutable)
_PLAIN = {why: Note(why) for why in Why}


def render(notes: list[Note]) -> str:
    """Return notes in words, joined with '; '."""
    return "; ".join(n.render() for n in notes)


@dataclass(slots=True)
class VerbMatch:
    """What was decided about one verb occurrence, for the events and the explain trace."""

    token: int
    verb: VerbEntry
    status: VerbStatus = VerbStatus.CODED
    notes: list[Note] = field(default_factory=list)
    #: set when the verb is coded as an announced intention or a refusal
    mode: Mode | None = None
    code: str | None = None
    rule_id: str = ""
    pattern: str = ""
    sources: list[Chunk] = field(default_factory=list)
    targets: list[Chunk] = field(default_factory=list)
    passive: bool = False
    last_token: int = -1
    date: DateMatch | None = None
    #: the second code of the rule's ``x:y`` pair: target -> source (imported dictionaries)
    paired: str | None = None

    @property
    def reason(self) -> str:
        """Return why the verb has its status, in words."""
        return render(self.notes)

    def decide(self, status: VerbStatus, why: Note) -> None:
        """Set the verb's status and the one reason for it."""
        self.status = status
        self.notes = [why]

    def add_note(self, why: Note) -> None:
        """Add a remark on how the verb was coded, keeping its status."""
        self.notes.append(why)
