"""Date expressions in news sentences: detection, spans, resolution, future flag, cache."""

from __future__ import annotations

import dataclasses
import datetime
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventcodes.dates import DateMatch, DateResolver, default_resolver, find_dates

MON = datetime.date(2024, 11, 4)  # a Monday
WED = datetime.date(2023, 3, 15)  # a Wednesday
SUN = datetime.date(2024, 2, 25)  # a Sunday
JAN = datetime.date(2025, 1, 2)  # a Thursday, just after a year boundary
LEAP = datetime.date(2024, 3, 1)  # a Friday, the day after 29 February
MAR23 = datetime.date(2023, 3, 1)  # 1 March of a year without 29 February

Expected = list[tuple[str, str, str]]

# (sentence, publication date, [(expression, resolved date, precision), ...])
CASES: list[tuple[str, datetime.date, Expected]] = [
    # --- weekdays: the latest such day on or before the publication date
    (
        "Police arrested 12 protesters on Monday in the capital.",
        MON,
        [("Monday", "2024-11-04", "day")],
    ),
    (
        "The minister said late Sunday that talks had collapsed.",
        MON,
        [("late Sunday", "2024-11-03", "day")],
    ),
    (
        "Russia may respond to the sanctions, officials said on Tuesday.",
        MON,
        [("Tuesday", "2024-10-29", "day")],
    ),
    (
        "Rebels shelled the town on Wednesday, killing four civilians.",
        MON,
        [("Wednesday", "2024-10-30", "day")],
    ),
    (
        "The health ministry confirmed the deaths on Thursday.",
        MON,
        [("Thursday", "2024-10-31", "day")],
    ),
    (
        "Hundreds of demonstrators rallied outside parliament on Friday.",
        MON,
        [("Friday", "2024-11-01", "day")],
    ),
    (
        "Turkish jets struck Kurdish positions on Saturday, the army said.",
        MON,
        [("Saturday", "2024-11-02", "day")],
    ),
    (
        "Earlier Monday, the prime minister met the Egyptian envoy.",
        MON,
        [("Earlier Monday", "2024-11-04", "day")],
    ),
    (
        "Israeli aircraft bombed targets in Gaza late on Sunday.",
        MON,
        [("late on Sunday", "2024-11-03", "day")],
    ),
    (
        "Gunmen attacked a checkpoint Monday night near Kandahar.",
        MON,
        [("Monday night", "2024-11-04", "day")],
    ),
    (
        "The ceasefire collapsed on Saturday morning.",
        MON,
        [("Saturday morning", "2024-11-02", "day")],
    ),
    (
        "Protesters clashed with police on Friday evening in Tbilisi.",
        MON,
        [("Friday evening", "2024-11-01", "day")],
    ),
    ("The envoy arrived in Kyiv last Monday.", MON, [("last Monday", "2024-10-28", "day")]),
    ("The envoy arrived in Kyiv last Friday.", MON, [("last Friday", "2024-11-01", "day")]),
    (
        "The commission said in Sunday's broadcast that turnout was high.",
        MON,
        [("Sunday", "2024-11-03", "day")],
    ),
    ("Monday's attack killed nine soldiers.", MON, [("Monday", "2024-11-04", "day")]),
    ("Friday prayers ended peacefully in the old city.", MON, [("Friday", "2024-11-01", "day")]),
    (
        "Talks are due to resume on Thursday of next week.",
        MON,
        [("Thursday of next week", "2024-11-14", "day")],
    ),
    (
        "The strike began on Tuesday of last week.",
        MON,
        [("Tuesday of last week", "2024-10-29", "day")],
    ),
    (
        "The Security Council met on Monday to discuss the crisis.",
        WED,
        [("Monday", "2023-03-13", "day")],
    ),
    ("Iran said on Wednesday it had seized a tanker.", WED, [("Wednesday", "2023-03-15", "day")]),
    (
        "Troops withdrew on Thursday, local officials said.",
        WED,
        [("Thursday", "2023-03-09", "day")],
    ),
    (
        "The army said on Sunday it had repelled the assault.",
        SUN,
        [("Sunday", "2024-02-25", "day")],
    ),
    ("Voters went to the polls on Saturday.", SUN, [("Saturday", "2024-02-24", "day")]),
    (
        "The minister resigned on Monday after a week of protests.",
        SUN,
        [("Monday", "2024-02-19", "day")],
    ),
    (
        "Protests were held on Friday and Saturday.",
        MON,
        [("Friday", "2024-11-01", "day"), ("Saturday", "2024-11-02", "day")],
    ),
    ("On Friday, leaders will meet in Brussels.", MON, [("Friday", "2024-11-01", "day")]),
    ("The minister, who will resign, spoke on Friday.", MON, [("Friday", "2024-11-01", "day")]),
    # --- weekdays pointing forward
    (
        "The leaders will meet in Brussels on Friday to discuss the budget.",
        MON,
        [("Friday", "2024-11-08", "day")],
    ),
    (
        "The president will travel to Seoul next Tuesday.",
        MON,
        [("next Tuesday", "2024-11-05", "day")],
    ),
    ("The verdict is due on Wednesday.", MON, [("Wednesday", "2024-11-06", "day")]),
    ("The vote is scheduled for Thursday.", MON, [("Thursday", "2024-11-07", "day")]),
    (
        "A second round of talks is to be held on Saturday.",
        MON,
        [("Saturday", "2024-11-09", "day")],
    ),
    (
        "They'll announce the result this coming Friday.",
        MON,
        [("this coming Friday", "2024-11-08", "day")],
    ),
    ("Ministers will meet again on Monday.", MON, [("Monday", "2024-11-11", "day")]),
    ("The court is expected to rule on Tuesday.", SUN, [("Tuesday", "2024-02-27", "day")]),
    # --- today, yesterday and counted days
    (
        "Officials said two days ago that the border was closed.",
        MON,
        [("two days ago", "2024-11-02", "day")],
    ),
    (
        "Three weeks earlier, the army had withdrawn from the city.",
        MON,
        [("Three weeks earlier", "2024-10-14", "week")],
    ),
    ("A week ago the rebels seized the town.", MON, [("A week ago", "2024-10-28", "week")]),
    ("A year ago, the city was under siege.", MON, [("A year ago", "2023-01-01", "year")]),
    ("The company reported the breach yesterday.", MON, [("yesterday", "2024-11-03", "day")]),
    (
        "Troops withdrew the day before, according to witnesses.",
        MON,
        [("the day before", "2024-11-03", "day")],
    ),
    ("The vote was held the previous day.", MON, [("the previous day", "2024-11-03", "day")]),
    (
        "Fighting broke out the day before yesterday.",
        MON,
        [("the day before yesterday", "2024-11-02", "day")],
    ),
    (
        "He arrived last night and left this morning.",
        MON,
        [("last night", "2024-11-03", "day"), ("this morning", "2024-11-04", "day")],
    ),
    ("Today the parliament votes on the budget.", MON, [("Today", "2024-11-04", "day")]),
    ("Yesterday, troops entered the city.", MON, [("Yesterday", "2024-11-03", "day")]),
    (
        "\u201cToday we say no to war,\u201d the president said.",
        MON,
        [("Today", "2024-11-04", "day")],
    ),
    (
        "It happened twenty-five years ago, when the dam burst.",
        MON,
        [("twenty-five years ago", "1999-01-01", "year")],
    ),
    (
        "The plant reopened a day earlier than planned.",
        MON,
        [("a day earlier", "2024-11-03", "day")],
    ),
    ("Refugees fled the area 10 days ago.", MON, [("10 days ago", "2024-10-25", "day")]),
    (
        "The army said a fortnight ago that the offensive had ended.",
        MON,
        [("a fortnight ago", "2024-10-21", "week")],
    ),
    ("Prices have doubled since six months ago.", MON, [("six months ago", "2024-05-01", "month")]),
    ("The treaty was ratified two years ago.", MON, [("two years ago", "2022-01-01", "year")]),
    (
        "Talks broke down three days earlier, diplomats said.",
        MON,
        [("three days earlier", "2024-11-01", "day")],
    ),
    (
        "Clashes erupted two weeks before, residents said.",
        MON,
        [("two weeks before", "2024-10-21", "week")],
    ),
    ("The mayor was arrested a month ago.", JAN, [("a month ago", "2024-12-01", "month")]),
    ("They will meet tomorrow in Geneva.", MON, [("tomorrow", "2024-11-05", "day")]),
    (
        "The verdict is expected the day after tomorrow.",
        MON,
        [("the day after tomorrow", "2024-11-06", "day")],
    ),
    ("Tonight the president will address the nation.", MON, [("Tonight", "2024-11-04", "day")]),
    (
        "The ministry said this afternoon that the road was open.",
        MON,
        [("this afternoon", "2024-11-04", "day")],
    ),
    (
        "Rescuers worked through the previous night.",
        MON,
        [("the previous night", "2024-11-03", "day")],
    ),
    # --- weeks, months, years relative to the publication date
    (
        "Clashes erupted late last week and again earlier this week.",
        MON,
        [("late last week", "2024-10-28", "week"), ("earlier this week", "2024-11-04", "week")],
    ),
    (
        "Inflation rose this month after falling last month.",
        MON,
        [("this month", "2024-11-01", "month"), ("last month", "2024-10-01", "month")],
    ),
    (
        "The central bank raised rates earlier this year.",
        MON,
        [("earlier this year", "2024-01-01", "year")],
    ),
    ("Exports fell last year, the ministry said.", MON, [("last year", "2023-01-01", "year")]),
    (
        "The minister will travel to Paris next month and to Tokyo next year.",
        MON,
        [("next month", "2024-12-01", "month"), ("next year", "2025-01-01", "year")],
    ),
    (
        "The summit is scheduled for next week in Geneva.",
        MON,
        [("next week", "2024-11-11", "week")],
    ),
    ("The ministry issued the permit last week.", MON, [("last week", "2024-10-28", "week")]),
    ("This week the parliament approved the budget.", MON, [("This week", "2024-11-04", "week")]),
    ("Prices were stable this year.", MON, [("this year", "2024-01-01", "year")]),
    (
        "The report, released earlier this month, blamed the army.",
        MON,
        [("earlier this month", "2024-11-01", "month")],
    ),
    ("The ruling came late last month.", MON, [("late last month", "2024-10-01", "month")]),
    ("Elections are expected early next year.", MON, [("early next year", "2025-01-01", "year")]),
    ("A verdict is expected later this week.", MON, [("later this week", "2024-11-04", "week")]),
    (
        "The bank said the previous week that losses had grown.",
        MON,
        [("the previous week", "2024-10-28", "week")],
    ),
    ("The rebels attacked over the weekend.", MON, [("the weekend", "2024-10-28", "week")]),
    ("Fans gathered in the square last weekend.", MON, [("last weekend", "2024-10-28", "week")]),
    ("Talks resume this weekend in Doha.", MON, [("this weekend", "2024-11-04", "week")]),
    ("Over the weekend, fighting intensified.", SUN, [("the weekend", "2024-02-19", "week")]),
    ("Fans gathered last weekend.", SUN, [("last weekend", "2024-02-12", "week")]),
    ("Exports fell last year.", JAN, [("last year", "2024-01-01", "year")]),
    ("The budget passed last month.", JAN, [("last month", "2024-12-01", "month")]),
    ("The ministry issued the permit last week.", JAN, [("last week", "2024-12-23", "week")]),
    ("The market closed (last week) amid panic.", MON, [("last week", "2024-10-28", "week")]),
    ("Prices rose, last month, by 3%.", MON, [("last month", "2024-10-01", "month")]),
    # --- explicit dates
    (
        "Israeli troops killed three people on Oct. 12, 2023, the army said.",
        MON,
        [("Oct. 12, 2023", "2023-10-12", "day")],
    ),
    (
        "The ceasefire took effect on October 12 after weeks of talks.",
        MON,
        [("October 12", "2024-10-12", "day")],
    ),
    (
        "Elections were held on 12 October 2023 across the country.",
        MON,
        [("12 October 2023", "2023-10-12", "day")],
    ),
    (
        "The court ruled on 2023-10-12 that the law was void.",
        MON,
        [("2023-10-12", "2023-10-12", "day")],
    ),
    ("Fighting resumed on the 12th, residents said.", MON, [("the 12th", "2024-10-12", "day")]),
    ("The election was held Nov. 5.", MON, [("Nov. 5", "2023-11-05", "day")]),
    ("Voters will go to the polls on Nov. 5.", MON, [("Nov. 5", "2024-11-05", "day")]),
    ("On March 3 protesters gathered in the square.", MON, [("March 3", "2024-03-03", "day")]),
    ("The Sept. 11 attacks were planned abroad.", MON, [("Sept. 11", "2024-09-11", "day")]),
    ("Sept. 11, 2001 changed everything.", MON, [("Sept. 11, 2001", "2001-09-11", "day")]),
    ("On 2 May 1997 Labour won a landslide.", MON, [("2 May 1997", "1997-05-02", "day")]),
    (
        "The accord was signed on the 12th of October 2023.",
        MON,
        [("the 12th of October 2023", "2023-10-12", "day")],
    ),
    (
        "The 12th of October 2023 was quiet.",
        MON,
        [("The 12th of October 2023", "2023-10-12", "day")],
    ),
    (
        "Officials met on Monday, Oct. 28, to review the plan.",
        MON,
        [("Monday, Oct. 28", "2024-10-28", "day")],
    ),
    (
        "The next meeting is on Wednesday, 6 November.",
        MON,
        [("Wednesday, 6 November", "2024-11-06", "day")],
    ),
    ("Protests began on Jan. 6 and lasted a week.", MON, [("Jan. 6", "2024-01-06", "day")]),
    ("The blast occurred on Aug 4, 2020 in the port.", MON, [("Aug 4, 2020", "2020-08-04", "day")]),
    (
        "The deal, signed Dec. 1st, took effect immediately.",
        MON,
        [("Dec. 1st", "2023-12-01", "day")],
    ),
    (
        "Troops entered the city on the 3rd of this month.",
        MON,
        [("the 3rd of this month", "2024-11-03", "day")],
    ),
    (
        "The vote was held on the 28th of last month.",
        MON,
        [("the 28th of last month", "2024-10-28", "day")],
    ),
    ("Talks will be held on the 20th.", MON, [("the 20th", "2024-11-20", "day")]),
    (
        "The talks, held in mid-2019 and early March 2020, failed.",
        MON,
        [("mid-2019", "2019-01-01", "year"), ("early March 2020", "2020-03-01", "month")],
    ),
    ("Rains fell on Feb. 29.", LEAP, [("Feb. 29", "2024-02-29", "day")]),
    ("Rains fell on Feb. 29.", MAR23, [("Feb. 29", "2020-02-29", "day")]),
    ("The attack happened on Dec. 30.", JAN, [("Dec. 30", "2024-12-30", "day")]),
    ("The attack happened on the 30th.", JAN, [("the 30th", "2024-12-30", "day")]),
    ("Voting ended on the 31st.", LEAP, [("the 31st", "2024-01-31", "day")]),
    ("She was born on 5 June 1950 in Lagos.", MON, [("5 June 1950", "1950-06-05", "day")]),
    ("The truce expired on June 5.", MON, [("June 5", "2024-06-05", "day")]),
    ("The summit opened on 30 November.", MON, [("30 November", "2023-11-30", "day")]),
    ("The summit will open on 30 November.", MON, [("30 November", "2024-11-30", "day")]),
    (
        "The results, published on 2024-11-05T10:00, were disputed.",
        MON,
        [("2024-11-05", "2024-11-05", "day")],
    ),
    # --- months and years alone
    (
        "The army launched the offensive in March, officials said.",
        MON,
        [("March", "2024-03-01", "month")],
    ),
    (
        "The treaty was signed in March 2022 in Istanbul.",
        MON,
        [("March 2022", "2022-03-01", "month")],
    ),
    ("The embassy closed last March amid protests.", MON, [("last March", "2024-03-01", "month")]),
    ("The embassy closed last March amid protests.", WED, [("last March", "2022-03-01", "month")]),
    ("The offensive began in March.", WED, [("March", "2023-03-01", "month")]),
    ("The talks collapsed in December.", WED, [("December", "2022-12-01", "month")]),
    ("Elections will be held in March.", MON, [("March", "2025-03-01", "month")]),
    ("The vote will take place in December.", MON, [("December", "2024-12-01", "month")]),
    ("Prices have climbed since May.", MON, [("May", "2024-05-01", "month")]),
    ("In May 12 people were killed in the attack.", MON, [("May", "2024-05-01", "month")]),
    (
        "Fighting has raged since early September.",
        MON,
        [("early September", "2024-09-01", "month")],
    ),
    ("By the end of June the army had retreated.", MON, [("June", "2024-06-01", "month")]),
    (
        "The ministry plans to hold a referendum next March.",
        MON,
        [("next March", "2025-03-01", "month")],
    ),
    ("Unemployment peaked in mid-July.", MON, [("mid-July", "2024-07-01", "month")]),
    ("The company was founded in 2019 by two engineers.", MON, [("2019", "2019-01-01", "year")]),
    (
        "He came to power in 1999 and ruled until 2024.",
        MON,
        [("1999", "1999-01-01", "year"), ("2024", "2024-01-01", "year")],
    ),
    ("Troops have been deployed in the region since 2014.", MON, [("2014", "2014-01-01", "year")]),
    ("It was signed in the year 2000.", MON, [("the year 2000", "2000-01-01", "year")]),
    ("The summer of 1969 was unusually hot.", MON, [("1969", "1969-01-01", "year")]),
    ("The plan runs until 2030.", MON, [("2030", "2030-01-01", "year")]),
    ("Resolution 2231 was adopted in 2015.", MON, [("2015", "2015-01-01", "year")]),
    ("Growth slowed in late 2022, the IMF said.", MON, [("late 2022", "2022-01-01", "year")]),
    ("The debt was restructured at the end of 2019.", MON, [("2019", "2019-01-01", "year")]),
    ("In 2016, the court annulled the election.", MON, [("2016", "2016-01-01", "year")]),
    (
        "Egypt and Turkey restored full diplomatic ties in July last year.",
        MON,
        [("July last year", "2023-07-01", "month")],
    ),
    (
        "Prices peaked in early May this year.",
        MON,
        [("early May this year", "2024-05-01", "month")],
    ),
    ("Theresa May last year resigned as leader.", MON, [("last year", "2023-01-01", "year")]),
    # --- several expressions in one sentence
    (
        "Rebels seized the town on Monday, two days after the Oct. 30 ceasefire collapsed.",
        MON,
        [("Monday", "2024-11-04", "day"), ("Oct. 30", "2024-10-30", "day")],
    ),
    (
        "The minister said on Tuesday that talks held in March 2022 had failed.",
        MON,
        [("Tuesday", "2024-10-29", "day"), ("March 2022", "2022-03-01", "month")],
    ),
    (
        "The protests began last week and spread on Sunday.",
        MON,
        [("last week", "2024-10-28", "week"), ("Sunday", "2024-11-03", "day")],
    ),
    (
        "The rebels, who will hold talks next month, attacked on Monday.",
        MON,
        [("next month", "2024-12-01", "month"), ("Monday", "2024-11-04", "day")],
    ),
    # --- no date at all
    ("The Sunday Times reported that the minister would resign.", MON, []),
    ("The 12-year-old was among 2,000 people evacuated.", MON, []),
    ("The war has lasted for two years.", MON, []),
    ("In the 1990s the region was at peace.", MON, []),
    ("The Boeing 737 crashed near the airport.", MON, []),
    ("Monday Night Football was cancelled after the storm.", MON, []),
    ("The Good Friday Agreement ended decades of violence.", MON, []),
    ("Jan Egeland said aid was blocked at the border.", MON, []),
    ("An august body of experts gathered in Geneva.", MON, []),
    ("Russia may respond with sanctions of its own.", MON, []),
    ("Thousands of protesters march through the capital every week.", MON, []),
    ("The March on parliament was peaceful.", MON, []),
    ("Independence Day parades were held across the country.", MON, []),
    ("Troops withdrew the day before the vote.", MON, []),
    ("Two days before the summit, envoys met in secret.", MON, []),
    ("A two-day visit to Cairo ended without agreement.", MON, []),
    ("He has served as minister for the last year.", MON, []),
    ("In the next week the army will deploy more troops.", MON, []),
    ("It happened 1,000 years ago, according to legend.", MON, []),
    ("A decade ago the city was rebuilt.", MON, []),
    ("Officials said several days ago that talks had stalled.", MON, []),
    ("He spoke on the Today programme on the BBC.", MON, []),
    ("USA Today reported the story first.", MON, []),
    ("The 2019-20 budget was passed by parliament.", MON, []),
    ("A crowd of 2000 protesters gathered outside.", MON, []),
    ("In fiscal 2019 revenue grew by a third.", MON, []),
    ("The treaty of 1648 ended the war.", MON, []),
    ("Resolution 2231 endorsed the nuclear deal.", MON, []),
    ("The cathedral was built in the 12th century.", MON, []),
    ("The 5th Fleet is based in Bahrain.", MON, []),
    ("The March 14 Alliance rejected the proposal.", MON, []),
    ("The M23 rebels, known as the March 23 Movement, advanced on Goma.", MON, []),
    ("Theresa May met the Irish prime minister.", MON, []),
    ("May God protect our soldiers, the general said.", MON, []),
    ("The Black Friday sales drew record crowds.", MON, []),
    ("Super Tuesday primaries decide many delegates.", MON, []),
    ("She reads the Sunday papers every week.", MON, []),
    ("Mayor Jane Marks said the decision was final.", MON, []),
    ("Fighting spread to Mon State as the sun set.", MON, []),
    ("The ministry recorded 12 deaths and 40 injuries.", MON, []),
    ("Marines landed on the beach at dawn.", MON, []),
    ("Decisions on aid rest with the Security Council.", MON, []),
    ("The Sundays of Lent are holy days.", MON, []),
    ("The opposition said it would march on the capital.", MON, []),
    ("The 3-year-long war has displaced millions.", MON, []),
    ("Scientists said the glacier will vanish in 2000 years.", MON, []),
    ("The project will be completed over the next year.", MON, []),
    ("His birthday is a national holiday.", MON, []),
    ("The government of May faced a revolt.", MON, []),
    ("Troops returned to base the next day.", MON, []),
    ("Prices were higher than in 2019-2020.", MON, []),
    ("Students joined in March for Our Lives rallies.", MON, []),
    ("Troops were released two days later.", MON, []),
    ("The February 30 date in the memo was a typo.", MON, []),
]


def _row_id(case: tuple[str, datetime.date, Expected]) -> str:
    sentence, doc_date, _ = case
    return f"{doc_date}:{sentence[:48]}"


def _found(sentence: str, doc_date: datetime.date) -> Expected:
    return [(m.text, m.date.isoformat(), m.precision) for m in find_dates(sentence, doc_date)]


def test_table_is_large_enough() -> None:
    assert len(CASES) >= 170
    assert sum(1 for _, _, expected in CASES if not expected) >= 35


@pytest.mark.parametrize("case", CASES, ids=[_row_id(c) for c in CASES])
def test_table(case: tuple[str, datetime.date, Expected]) -> None:
    sentence, doc_date, expected = case
    assert _found(sentence, doc_date) == expected


@pytest.mark.parametrize("case", CASES, ids=[_row_id(c) for c in CASES])
def test_spans_are_offsets_into_the_sentence(case: tuple[str, datetime.date, Expected]) -> None:
    sentence, doc_date, _ = case
    matches = find_dates(sentence, doc_date)
    for match in matches:
        assert sentence[match.start : match.end] == match.text
        assert match.precision in ("day", "week", "month", "year")
    assert [m.start for m in matches] == sorted(m.start for m in matches)
    for before, after in itertools.pairwise(matches):
        assert before.end <= after.start


def test_span_offsets_are_exact() -> None:
    sentence = "Gunmen attacked a checkpoint Monday night near Kandahar, police said on Tuesday."
    first, second = find_dates(sentence, MON)
    assert (first.start, first.end) == (29, 41)
    assert (second.start, second.end) == (sentence.index("Tuesday"), len(sentence) - 1)


FUTURE: list[tuple[str, datetime.date, str, bool]] = [
    ("The leaders will meet in Brussels on Friday.", MON, "Friday", True),
    ("The president will travel to Seoul next Tuesday.", MON, "next Tuesday", True),
    ("They will meet tomorrow in Geneva.", MON, "tomorrow", True),
    ("The summit is scheduled for next week.", MON, "next week", True),
    ("The minister will travel to Paris next month.", MON, "next month", True),
    ("Elections are expected early next year.", MON, "early next year", True),
    ("A verdict is expected later this week.", MON, "later this week", True),
    ("Voters will go to the polls on Nov. 5.", MON, "Nov. 5", True),
    ("Talks will be held on the 20th.", MON, "the 20th", True),
    ("Elections will be held in March.", MON, "March", True),
    ("The plan runs until 2030.", MON, "2030", True),
    ("Talks resume this weekend in Doha.", MON, "this weekend", True),
    ("The rebels will attack over the weekend.", MON, "the weekend", True),
    ("The next meeting is on Wednesday, 6 November.", MON, "Wednesday, 6 November", True),
    ("The leaders met in Brussels on Friday.", MON, "Friday", False),
    ("The envoy arrived in Kyiv last Monday.", MON, "last Monday", False),
    ("The election was held Nov. 5.", MON, "Nov. 5", False),
    ("Inflation rose this month.", MON, "this month", False),
    ("Earlier this week, the army withdrew.", MON, "Earlier this week", False),
    ("Tonight the president will address the nation.", MON, "Tonight", False),
    ("The rebels attacked over the weekend.", MON, "the weekend", False),
]


@pytest.mark.parametrize(("sentence", "doc_date", "text", "future"), FUTURE)
def test_future_flag(sentence: str, doc_date: datetime.date, text: str, future: bool) -> None:
    (match,) = find_dates(sentence, doc_date)
    assert match.text == text
    assert match.future is future
    if future:
        assert match.date > doc_date or match.precision != "day"


@pytest.mark.parametrize(
    ("cue", "expected"),
    [
        ("will meet", "2024-11-08"),
        ("shall meet", "2024-11-08"),
        ("won't meet", "2024-11-08"),
        ("are due to meet", "2024-11-08"),
        ("are scheduled to meet", "2024-11-08"),
        ("are set to meet", "2024-11-08"),
        ("are expected to meet", "2024-11-08"),
        ("plan to meet", "2024-11-08"),
        ("met", "2024-11-01"),
        ("were to have met", "2024-11-01"),
        ("showed goodwill", "2024-11-01"),
    ],
)
def test_future_cues(cue: str, expected: str) -> None:
    (match,) = find_dates(f"The two delegations {cue} in Geneva on Friday.", MON)
    assert match.date.isoformat() == expected


def test_cache_returns_the_same_result() -> None:
    resolver = DateResolver()
    sentence = "Rebels seized the town on Monday, two days after the Oct. 30 ceasefire collapsed."
    first = resolver.find_dates(sentence, MON)
    info = resolver.cache_info()
    assert info.misses == 2 and info.hits == 0 and info.size == 2
    second = resolver.find_dates(sentence, MON)
    assert second == first
    assert resolver.cache_info().hits == 2
    assert resolver.cache_info().misses == 2


def test_cache_is_keyed_by_publication_date() -> None:
    resolver = DateResolver()
    assert resolver.find_dates("He resigned on Monday.", MON)[0].date == MON
    assert resolver.find_dates("He resigned on Monday.", WED)[0].date == datetime.date(2023, 3, 13)
    assert resolver.cache_info().misses == 2


def test_cache_key_normalises_the_expression() -> None:
    resolver = DateResolver()
    resolver.find_dates("Talks ended on Oct. 12.", MON)
    resolver.find_dates("Talks ended on Oct 12.", MON)
    assert resolver.cache_info() == (1, 1, 1)


def test_cache_stays_bounded() -> None:
    resolver = DateResolver(max_cache=3)
    for day in range(1, 29):
        (match,) = resolver.find_dates(f"Talks ended on Feb. {day}.", MON)
        assert match.date == datetime.date(2024, 2, day)
        assert resolver.cache_info().size <= 3
    resolver.clear_cache()
    assert resolver.cache_info() == (0, 0, 0)


def test_sentence_without_anchor_does_not_touch_the_cache() -> None:
    resolver = DateResolver()
    sentence = "The foreign minister told reporters that the government would press for talks."
    assert resolver.find_dates(sentence, MON) == []
    assert resolver.cache_info() == (0, 0, 0)


def test_find_dates_uses_one_default_resolver() -> None:
    assert default_resolver() is default_resolver()
    sentence = "He arrived last night and left this morning."
    assert find_dates(sentence, MON) == DateResolver().find_dates(sentence, MON)


def test_datetime_publication_date_is_taken_as_its_day() -> None:
    moment = datetime.datetime(2024, 11, 4, 23, 30)
    (match,) = find_dates("Police arrested him on Sunday.", moment)
    assert type(match.date) is datetime.date
    assert match.date == datetime.date(2024, 11, 3)


def test_date_match_is_immutable() -> None:
    (match,) = find_dates("Police arrested him on Sunday.", MON)
    assert isinstance(match, DateMatch)
    with pytest.raises(dataclasses.FrozenInstanceError):
        match.start = 0  # type: ignore[misc]


@pytest.mark.parametrize(
    "sentence",
    [
        "Clashes erupted on Monday night.",
        "Clashes erupted on Oct. 12, 2023.",
        "Clashes erupted late last week.",
        "Clashes erupted on Tuesday of last week.",
    ],
)
def test_longest_expression_wins(sentence: str) -> None:
    (match,) = find_dates(sentence, MON)
    assert match.text == sentence[len("Clashes erupted ") : -1].removeprefix("on ")


_SALAD = """
on in since of the last next this coming past early late earlier later will was Monday Friday
Sunday night morning May March Oct. Sept 12 12th 3rd 31 2019 2023-10-12 1,000 two a day days
week weekend month year years ago before after yesterday Today tomorrow previous end
twenty-five people , . ( ) -
"""
_WORDS = [*_SALAD.split(), "\u2019s"]


@settings(max_examples=300, deadline=None)
@given(
    words=st.lists(st.sampled_from(_WORDS), max_size=14),
    doc_date=st.dates(datetime.date(1950, 1, 1), datetime.date(2080, 12, 31)),
)
def test_any_word_salad_gives_consistent_matches(words: list[str], doc_date: datetime.date) -> None:
    sentence = " ".join(words)
    matches = find_dates(sentence, doc_date)
    for match in matches:
        assert sentence[match.start : match.end] == match.text
        assert match.precision in ("day", "week", "month", "year")
        if match.precision == "week":
            assert match.date.weekday() == 0
        if match.precision in ("month", "year"):
            assert match.date.day == 1
    for before, after in itertools.pairwise(matches):
        assert before.end <= after.start
    assert DateResolver(max_cache=1).find_dates(sentence, doc_date) == matches


def test_extreme_publication_dates_do_not_raise() -> None:
    assert find_dates("It happened 999 years ago.", datetime.date(5, 1, 1)) == []
    assert find_dates("Talks resume next year.", datetime.date(9999, 6, 1)) == []
