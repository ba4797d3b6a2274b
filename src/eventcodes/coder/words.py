"""Stage 0 of the coder, word lists: the closed-class English words its shallow syntax relies on.

Takes nothing and gives frozen sets of words (grammar, not codebook) and the distances the
coder looks over, plus two tests on tokens that every stage uses (adverbs, places after "in").
"""

from __future__ import annotations

from ..tokens import Token

# Closed-class English words the shallow syntax relies on. They are grammar, not codebook.
DETERMINERS = frozenset(
    [
        "a",
        "an",
        "the",
        "this",
        "that",
        "these",
        "those",
        "its",
        "their",
        "his",
        "her",
        "our",
        "your",
        "my",
        "some",
        "any",
        "no",
        "every",
        "each",
    ]
)
PREPOSITIONS = frozenset(
    [
        "of",
        "in",
        "on",
        "at",
        "for",
        "with",
        "against",
        "by",
        "from",
        "about",
        "after",
        "before",
        "during",
        "over",
        "under",
        "into",
        "onto",
        "upon",
        "between",
        "among",
        "amid",
        "across",
        "through",
        "toward",
        "towards",
        "without",
        "within",
        "despite",
        "via",
        "per",
    ]
)
BE = frozenset(["be", "is", "are", "was", "were", "been", "being", "'s", "'re", "am"])
AUXILIARIES = BE | frozenset(["has", "have", "had", "having", "do", "does", "did", "'ve", "'d"])
HYPOTHETICAL = frozenset(["could", "would", "might", "may", "should", "must", "can", "ca"])
FUTURE = frozenset(["will", "shall", "'ll", "wo"])
NEGATIONS = frozenset(["not", "n't", "never", "no", "cannot"])
#: a negated ability that is a refusal: "X said it cannot accept more refugees"
REFUSING = frozenset(["cannot"])
ADVERBS = frozenset(
    [
        "also",
        "again",
        "later",
        "earlier",
        "then",
        "now",
        "still",
        "already",
        "reportedly",
        "jointly",
        "together",
        "once",
        "finally",
        "first",
        "soon",
        "just",
        "even",
        "further",
        "immediately",
        "formally",
        "publicly",
        "officially",
        "repeatedly",
        "allegedly",
        "apparently",
        "recently",
        "yet",
        "so",
        "too",
        "swiftly",
        "quickly",
        "strongly",
        "sharply",
    ]
)
CLAUSE_BREAKS = frozenset(
    [
        ";",
        ":",
        "that",
        "which",
        "who",
        "whom",
        "whose",
        "where",
        "because",
        "while",
        "whereas",
        "although",
        "though",
        "if",
        "unless",
        "but",
        "when",
        "since",
        "until",
        "after",
        "before",
        "as",
        "said",
        "says",
        "say",
        "told",
        "according",
    ]
)
RELATIVE_OPENERS = frozenset(["who", "which", "whose", "whom", "where", "when"])
PRONOUNS = frozenset(["he", "she", "they", "it", "we", "i", "you", "them", "him", "her", "us"])
SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "it", "we"})
#: words before "to VERB" that make VERB an announced intention ("plans to visit")
INTENT_GOVERNORS = frozenset(
    [
        "plan",
        "plans",
        "planned",
        "planning",
        "intend",
        "intends",
        "intended",
        "intending",
        "expect",
        "expects",
        "expected",
        "agree",
        "agrees",
        "agreed",
        "agreeing",
        "promise",
        "promises",
        "promised",
        "promising",
        "pledge",
        "pledges",
        "pledged",
        "vow",
        "vows",
        "vowed",
        "offer",
        "offers",
        "offered",
        "ready",
        "prepared",
        "willing",
        "threaten",
        "threatens",
        "threatened",
        "threatening",
        "seek",
        "seeks",
        "sought",
        "want",
        "wants",
        "wanted",
        "hope",
        "hopes",
        "hoped",
        "aim",
        "aims",
        "aimed",
        "set",
        "due",
        "poised",
        "likely",
        "decide",
        "decides",
        "going",
        "about",
    ]
)
#: words before "to VERB" that make VERB a refusal ("refused to release")
REFUSAL_GOVERNORS = frozenset(
    ["refuse", "refuses", "refused", "refusing", "decline", "declines", "declined"]
)
CONDITIONALS = frozenset({"if", "unless", "whether"})
#: roots whose events between the members of a compound subject go both ways when no target is named
RECIPROCAL_ROOTS = frozenset({"03", "04", "05", "06"})
LOCATIVES = frozenset(
    [
        "in",
        "at",
        "near",
        "outside",
        "inside",
        "across",
        "throughout",
        "through",
        "into",
        "from",
        "around",
        "toward",
        "towards",
    ]
)
CLAIM_NOUNS = frozenset(
    [
        "claim",
        "claims",
        "allegation",
        "allegations",
        "accusation",
        "accusations",
        "report",
        "reports",
        "rumour",
        "rumours",
        "rumor",
        "rumors",
        "suggestion",
        "suggestions",
        "suspicion",
        "suspicions",
    ]
)
REPORTING = frozenset(
    ["said", "says", "say", "told", "tells", "announced", "added", "stated", "insisted"]
)
#: governors of an infinitive that report the act itself: "has decided to ease the curfew" eases it
DECISION_GOVERNORS = frozenset(["decided"])
#: verbs of impact with no code of their own that a weapon subject codes ("An airstrike hit a hospital")
IMPACT_VERBS = frozenset(
    ["hit", "hits", "struck", "strikes", "rocked", "pounded", "slammed", "tore"]
)
#: verbs whose past tense is their present form: after a subject and before an object they are past
SAME_PAST = frozenset(["set", "shut", "cut", "hit", "put", "cast", "hurt", "shed", "quit", "upset"])
#: nouns that are the object of such a verb without a determiner ("set fire to", "cut ties with")
OBJECT_NOUNS = frozenset(["fire", "ties", "off", "up", "down", "aid", "funding", "relations"])
#: singular heads of an inanimate subject before such a verb ("an airstrike hit")
WEAPON_HEADS = frozenset(
    ["airstrike", "strike", "bomb", "blast", "explosion", "rocket", "missile", "shell"]
)
#: first words of a comma-enclosed insertion between a subject and its verb (honorifics, adverbs)
APPOSITION_OPENERS = frozenset(
    ["mr", "mrs", "ms", "dr", "sheikh", "thus", "however", "meanwhile", "therefore", "too"]
)
#: verbs whose subject a pronoun of the reported clause stands for ("X claimed that they had ...")
SPEAKING = REPORTING | frozenset(
    [
        "asserted",
        "asserts",
        "declared",
        "confirmed",
        "admitted",
        "acknowledged",
        "insists",
        "stressed",
        "maintained",
        "argued",
        "warned",
        "noted",
        "reiterated",
    ]
)
#: what may stand before a verb that starts a new clause (its subject's end aside)
CLAUSE_STARTERS = frozenset(
    [
        "and",
        "but",
        "or",
        ",",
        ";",
        "he",
        "she",
        "they",
        "it",
        "we",
        "who",
        "which",
        "that",
        "to",
        "has",
        "have",
        "had",
        "was",
        "were",
        "is",
        "are",
    ]
)
ASPECTUAL = frozenset(["keep", "continue", "start", "begin", "resume"])
DENIALS = frozenset(
    ["deny", "denies", "denied", "denying", "stop", "stops", "stopped", "halt", "halted", "halts"]
)
NOT_ADJECTIVES = frozenset(
    ["to", "as", "than", "both", "all", "each", "so", "and", "or", "but", "nor", "not"]
)
COORDINATORS = frozenset(["and", "but", "or", "then"])
INTRO_OPENERS = PREPOSITIONS | frozenset(
    [
        "also",
        "earlier",
        "later",
        "meanwhile",
        "separately",
        "elsewhere",
        "separately",
        "yesterday",
        "today",
        "last",
        "late",
        "early",
    ]
)
COMPOUND_JOINERS = frozenset({"and", "or", ",", "&"})
NON_STATE = frozenset(["IGO", "NGO", "MNC", "IMG", "NGM", "INT", "UIS"])
MAX_SUBJECT_GAP = 8
MAX_PATTERN_GAP = 5
MAX_TARGET_GAP = 12


#: nouns in -ly that are not adverbs ("his family", "a close ally", "the assembly")
LY_NOUNS = frozenset(
    ["family", "ally", "rally", "assembly", "supply", "anomaly", "monopoly", "reply", "butterfly"]
)


def is_adverb(token: Token) -> bool:
    """Return whether a token looks like an adverb: a lower-case word in -ly ("strongly", not "Italy"
    nor "family")."""
    norm = token.norm
    return norm.endswith("ly") and len(norm) > 4 and token.text.islower() and norm not in LY_NOUNS


def after_locative(tokens: list[Token], start: int) -> bool:
    """Return whether the actor at ``start`` is a place: "in Belgrade", "in northern Nigeria"."""
    if start > 0 and tokens[start - 1].norm in LOCATIVES:
        return True
    return (
        start > 1
        and tokens[start - 2].norm in LOCATIVES
        and tokens[start - 1].text.isalpha()
        and tokens[start - 1].text.islower()
    )
