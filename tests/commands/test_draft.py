"""`factdb draft`: drafts are written, validated by the schema, counted and
located, never loaded until moved under `facts:`; `--check` finds what they
would contradict; the rules read dates and quantities as the schema does."""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import replace
from pathlib import Path

import duckdb
import pytest
from factdb.loader.cli import app
from factdb.loader.draft import World, propose
from factdb.loader.draft.rules import Names, NewOffice, find_dates, find_quantities
from factdb.loader.draft.world import country_named
from factdb.schema.dates import resolve_phrase
from hypothesis import example, given
from hypothesis import strategies as st
from typer.testing import CliRunner

REPO = Path(__file__).resolve().parents[2]
ARTICLE = (
    "Qin Gang meets Blinken\n\n"
    "Foreign Minister Qin Gang met US Secretary of State Antony Blinken in Beijing on Friday.\n"
    "The talks lasted more than five hours, officials said.\n"
    "China has nearly $3 trillion in foreign exchange reserves.\n"
    "Defense Minister Zhao Lei attended the talks.\n"
)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("draft")
    shutil.copytree(REPO / "facts", root / "facts")
    shutil.copytree(REPO / "seeds", root / "seeds")
    return root


def _draft(project: Path, name: str, *extra: str) -> tuple[int, str, str]:
    article = project / f"{name}.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(
        app,
        [
            "draft",
            str(article),
            "--published",
            "2024-04-26",
            "--outlet",
            "Test",
            "--headline",
            "Qin meets Blinken",
            "--reason",
            "dateline",
            "--facts",
            str(project / "facts"),
            "--db",
            str(project / "x.duckdb"),
            *extra,
        ],
    )
    return result.exit_code, result.stdout, result.stderr


def test_drafts_are_written_counted_located_and_not_loaded(project: Path) -> None:
    code, out, _ = _draft(project, "qin-a")
    assert code == 0, out
    assert "drafted 1 figure, 3 meeting, 3 role" in out
    (fact_file,) = (project / "facts" / "articles").glob("*-qin-a.yaml")
    text = fact_file.read_text()
    assert "facts: []" in text and "\ndrafts:\n" in text
    # named with a known office's title, known to no entity: a new person, never an existing id
    assert '- {id: zhao-lei, name: "Zhao Lei"}  # Defense Minister Zhao Lei' in text
    assert "office: china-foreign-minister" in text and "person: qin-gang" in text
    assert "of: blinken-qin-gang-meeting" not in text  # a 2023 meeting does not fit a 2024 date
    runner = CliRunner()
    built = runner.invoke(
        app, ["build", "--facts", str(project / "facts"), "--db", str(project / "x.duckdb")]
    )
    assert built.exit_code == 0, built.stdout
    assert " 7 drafts" in built.stdout
    assert "draft.unconfirmed" in built.stderr and f"{fact_file.name}:" in built.stderr
    con = duckdb.connect(str(project / "x.duckdb"), read_only=True)
    try:
        prefix = fact_file.name[:3]
        loaded = con.execute("SELECT count(*) FROM fact_index WHERE id LIKE ?", [f"a{prefix}-%"]).fetchone()
        listed = con.execute(
            "SELECT count(*) FROM drafts WHERE file LIKE ?", [f"%{fact_file.name}"]
        ).fetchone()
    finally:
        con.close()
    assert loaded == (0,) and listed == (7,)
    # validate passes with drafts left, and --no-drafts fails until each is confirmed or deleted
    args = ["validate", "--facts", str(project / "facts"), "--db", str(project / "x.duckdb")]
    assert runner.invoke(app, args).exit_code == 0
    strict = runner.invoke(app, [*args, "--no-drafts"])
    assert strict.exit_code == 1 and "not confirmed" in strict.stderr


def test_a_draft_moved_under_facts_is_loaded(project: Path) -> None:
    code, out, _ = _draft(project, "qin-b")
    assert code == 0, out
    (fact_file,) = (project / "facts" / "articles").glob("*-qin-b.yaml")
    text = fact_file.read_text().replace("facts: []\n", "").replace("\ndrafts:\n", "\nfacts:\n")
    fact_file.write_text(text)
    built = CliRunner().invoke(
        app, ["build", "--facts", str(project / "facts"), "--db", str(project / "x.duckdb")]
    )
    assert built.exit_code == 0, built.stdout
    con = duckdb.connect(str(project / "x.duckdb"), read_only=True)
    try:
        role = con.execute(
            """SELECT r.office FROM roles r JOIN fact_index f USING (id)
               WHERE r.person = 'qin-gang' AND f.file LIKE ?""",
            [f"%{fact_file.name}"],
        ).fetchall()
    finally:
        con.close()
    assert role == [("china-foreign-minister",)]


def test_check_prints_what_the_drafts_contradict(project: Path) -> None:
    code, out, _ = _draft(project, "qin-c", "--check")
    assert code == 0, out
    # Qin Gang left the office in July 2023; the record has Wang Yi in it in April 2024.
    assert "--check: error title-outside-tenure: Qin Gang" in out


def test_drafting_is_deterministic(project: Path, tmp_path: Path) -> None:
    from factdb.loader.draft import World, propose

    con = duckdb.connect(str(project / "x.duckdb"), read_only=True)
    try:
        world = World.read(con)
    finally:
        con.close()
    one = propose(world, ARTICLE, dt.date(2024, 4, 26), "a999")
    two = propose(world, ARTICLE, dt.date(2024, 4, 26), "a999")
    assert [(p.name, p.fields) for p in one.proposals] == [(p.name, p.fields) for p in two.proposals]


PHRASES = [
    "on Monday",
    "Friday afternoon",
    "last week",
    "earlier this month",
    "last year",
    "yesterday",
    "June 18",
    "in March",
    "over the weekend",
    "3 days ago",
]


@given(
    st.sampled_from(PHRASES),
    st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31)),
)
@example("on Monday", dt.date(2023, 6, 19))
@example("June 18", dt.date(2023, 1, 2))  # a day within half a year: the year before
def test_a_found_phrase_resolves_as_validate_resolves_it(phrase: str, published: dt.date) -> None:
    found = find_dates(f"The two met {phrase} in Beijing.", published)
    assert len(found) == 1
    assert found[0].text == phrase
    assert found[0].span == resolve_phrase(found[0].value, published)


@example(19, 6, 2023)
@given(st.integers(1, 28), st.integers(1, 12), st.integers(1950, 2020))
def test_an_absolute_date_is_read_as_iso(day: int, month: int, year: int) -> None:
    name = dt.date(year, month, 1).strftime("%B")
    (found,) = find_dates(f"They met on {name} {day}, {year}, in Beijing.", dt.date(2024, 1, 1))
    assert found.value == f"{year:04d}-{month:02d}-{day:02d}"


@pytest.mark.parametrize(
    ("text", "unit", "low", "high"),
    [
        ("The meeting lasted about five hours.", "hour", 270, 330),
        ("Blinken held more than 7-1/2 hours of talks.", "hour", 450, float("inf")),
        ("after the 35-minute meeting", "minute", 34.5, 35.5),  # at minute precision
        ("kept tariffs on hundreds of billions of dollars worth of goods", "USD", 200e9, 1000e9),
        ("China has nearly $2 trillion in reserves", "USD", 1.8e12, 2e12),
        ("The economy shrank by 2.9 percent.", "percent", -2.95, -2.85),
        ("signed by thousands of Chinese people", "count", 2000, 10000),
        ("an hour-long service", "hour", 30, 90),  # about one hour, at hour precision
    ],
)
def test_quantities_with_their_hedges(text: str, unit: str, low: float, high: float) -> None:
    (q,) = find_quantities(text, [])
    assert q.quantity.unit == unit
    iv = q.quantity.interval()
    assert (iv.low, iv.high) == pytest.approx((low, high))


def test_a_year_and_a_small_bare_number_are_not_quantities() -> None:
    assert find_quantities("In 2018 the two sides met 3 times.", []) == []


def test_a_dateline_and_a_phrase_in_quoted_speech_do_not_date_what_happened(project: Path) -> None:
    """Found by a new user's trial: "Guangzhou, 8 April 2024 (TDI): ... on 6 April 2024" dated the
    meeting by the dateline, and "Today, I met ..." inside quotation marks by the publication."""
    from factdb.loader.draft import World, propose

    con = duckdb.connect(str(project / "x.duckdb"), read_only=True)
    try:
        world = World.read(con)
    finally:
        con.close()
    text = (
        "Guangzhou, 8 April 2024 (TDI): Janet Yellen met Premier Li Qiang on 6 April 2024.\n\n"
        "Yellen said, \u201cToday, I met with Premier Li Qiang.\u201d\n"
    )
    drafted = propose(world, text, dt.date(2024, 4, 8), "a999")
    meetings = [p for p in drafted.proposals if p.kind == "meeting"]
    assert [m.fields.get("when") for m in meetings] == ["2024-04-06", None]


@pytest.fixture(scope="module")
def world(project: Path) -> World:
    from factdb.loader.cli import app as cli_app

    CliRunner().invoke(
        cli_app, ["build", "--facts", str(project / "facts"), "--db", str(project / "w.duckdb")]
    )
    con = duckdb.connect(str(project / "w.duckdb"), read_only=True)
    try:
        return World.read(con)
    finally:
        con.close()


def _roles(world: World, text: str, day: dt.date) -> list[tuple[str, str, str]]:
    drafted = propose(world, text, day, "a999")
    return [
        (p.fields["person"], p.fields["office"], p.fields["title"])
        for p in drafted.proposals
        if p.kind == "role"
    ]


@pytest.mark.parametrize(
    ("text", "day", "expected"),
    [
        # the word set of a title, the office with the fewest other words
        (
            "Treasury Secretary Janet Yellen spoke.",
            dt.date(2023, 7, 8),
            ("janet-yellen", "us-treasury-secretary"),
        ),
        (
            "Secretary of State John Kerry spoke.",
            dt.date(2014, 7, 10),
            ("john-kerry", "us-secretary-of-state"),
        ),
        # a bare title word: the office the record has them hold then
        ("President Biden spoke.", dt.date(2023, 6, 19), ("joe-biden", "us-president")),
        ("President Xi spoke.", dt.date(2023, 6, 19), ("xi-jinping", "china-president")),
        # in apposition after the name
        (
            "Dong Jun, Minister of National Defense of the People's Republic of China (PRC), spoke.",
            dt.date(2024, 5, 31),
            ("dong-jun", "china-defense-minister"),
        ),
        # a hyphen between a title's words; "Deputy" is "Vice", and a lower office is never
        # read as the one it lowers (held-out trials 33 and 34: "Vice-Premier Wang Yang" drafted
        # nothing, "Deputy Chinese Premier Wang Yang" the Premier's office)
        ("Vice-Premier Wang Yang met Lew.", dt.date(2016, 2, 28), ("wang-yang", "china-vice-premier")),
        (
            "The talks with Deputy Chinese Premier Wang Yang began.",
            dt.date(2015, 3, 30),
            ("wang-yang", "china-vice-premier"),
        ),
    ],
)
def test_a_title_beside_a_name_drafts_that_office(
    world: World, text: str, day: dt.date, expected: tuple[str, str]
) -> None:
    assert [r[:2] for r in _roles(world, text, day)] == [expected]


def test_a_bare_title_word_with_no_record_is_not_guessed(world: World) -> None:
    # Nobody records Jane Doe; "President" alone could be any president's office.
    assert _roles(world, "President Jane Doe spoke.", dt.date(2023, 6, 19)) == []


def test_a_title_without_a_name_is_the_one_person_drafted_in_that_office(world: World) -> None:
    text = "US Secretary of State Antony Blinken arrived.\n\nBut the top US diplomat made clear that differences remain.\n"
    drafted = propose(world, text, dt.date(2023, 6, 19), "a999")
    (role,) = [p for p in drafted.proposals if p.kind == "role"]
    assert role.fields["person"] == "antony-blinken"
    assert [q for q, _, _ in role.more] == ["But the top US diplomat made clear that differences remain."]


def test_a_since_date_is_a_bound_not_when_it_happened(world: World) -> None:
    text = "US Secretary of State Antony Blinken is the first secretary of state to visit China since 2018.\n"
    drafted = propose(world, text, dt.date(2023, 6, 19), "a999")
    (role,) = [p for p in drafted.proposals if p.kind == "role"]
    assert role.fields["at"] == "2023-06-19"


def test_he_said_is_the_person_the_sentence_before_named(world: World) -> None:
    text = 'John Kerry arrived in Beijing on Thursday.\n\nHe said "we are committed to a new model of relations."\n'
    drafted = propose(world, text, dt.date(2014, 7, 10), "a999")
    (statement,) = [p for p in drafted.proposals if p.kind == "statement"]
    assert statement.fields["speaker"] == "john-kerry"
    assert statement.fields["said"] == "we are committed to a new model of relations."
    assert statement.fields["direct"] is True


@given(st.data())
@example(None)  # the first office and person, as the strategy draws them without data
def test_every_office_title_before_a_known_name_drafts_that_office(
    world: World, data: st.DataObject | None
) -> None:
    """For any recorded office and person: "<its title> <the person's name> spoke." drafts that
    role, unless another office carries a title of the same words (then none: never a guess), or
    the title names no country and the record has the person hold only another country's offices
    (then an office of their own country, drafted new: "Vice President Xi Jinping")."""
    offices = sorted((o for o in world.offices.values() if "(" not in o.title), key=lambda o: o.id)
    people = sorted(world.people.items())
    office = offices[0] if data is None else data.draw(st.sampled_from(offices))
    person, name = people[0] if data is None else data.draw(st.sampled_from(people))
    text = f"{office.title} {name} spoke.\n"
    drafted = _roles(world, text, dt.date(2020, 1, 1))
    country = country_named(
        office.title
    )  # "... of the People's Republic of China": China's, not any president
    rivals = {
        o
        for o in world.offices_titled(office.title) - {office.id}
        if country is None or world.offices[o].country in (country, None)
    }
    home = {c for o in world.offices_held(person) if (c := world.offices[o].country)}
    if country is None and office.country and len(home) == 1 and office.country not in home:
        assert all(r[1] != office.id for r in drafted)
    elif rivals:
        assert all(r[1] != office.id or not rivals for r in drafted)
    else:
        assert [r[:2] for r in drafted] == [(person, office.id)]


def test_a_name_no_entity_carries_with_a_known_office_title_is_a_new_person(world: World) -> None:
    """Never guessed into an existing id: "Wang Yang" is not the alias "Yang" of Yang Jiechi
    nor "Wang" of Wang Yi, and "Li Shangfu" gets an id of their own (their name, as the corpus
    writes people)."""
    text = "Defense Minister Li Shangfu met Vice Premier Zhang Guoqing and State Councilor Yang Jiechi.\n"
    drafted = propose(world, text, dt.date(2023, 7, 20), "a999")
    assert drafted.people_new == {
        "li-shangfu": ("Li Shangfu", "Defense Minister Li Shangfu"),
        "zhang-guoqing": ("Zhang Guoqing", "Vice Premier Zhang Guoqing"),
    }
    roles = {(p.fields["person"], p.fields["office"]) for p in drafted.proposals if p.kind == "role"}
    assert roles == {
        ("li-shangfu", "china-defense-minister"),
        ("zhang-guoqing", "china-vice-premier"),
        ("yang-jiechi", "china-state-councilor"),
    }


def test_a_bare_title_word_never_introduces_a_person(world: World) -> None:
    # "President" alone could be any president: no new person, no role.
    drafted = propose(world, "President Ferdinand Marcos spoke.\n", dt.date(2023, 7, 20), "a999")
    assert drafted.people_new == {} and not [p for p in drafted.proposals if p.kind == "role"]


def test_an_abbreviated_rank_is_read_as_the_word(world: World) -> None:
    assert [r[:2] for r in _roles(world, "Adm. Dong Jun spoke.", dt.date(2024, 5, 31))] == [
        ("dong-jun", "china-admiral")
    ]


def test_a_descriptive_title_no_office_carries_is_listed_as_a_candidate(world: World) -> None:
    """ "Official", "leader", "chief" describe more often than they name an office: listed, not drafted."""
    drafted = propose(world, "Senior Official Daniel Kritenbrink spoke.\n", dt.date(2024, 4, 16), "a999")
    assert [(c.what, c.text) for c in drafted.candidates] == [
        ("office", "Senior Official"),
        ("person", "Daniel Kritenbrink"),
    ]
    assert drafted.people_new == {} and drafted.offices_new == {}
    assert not [p for p in drafted.proposals if p.kind == "role"]


def test_a_title_no_office_carries_drafts_a_new_office_never_an_existing_one(world: World) -> None:
    """Found on held-out articles: a fifth of their roles named an office the corpus did not know.
    The office is drafted under a new id (the country's id prefix as the corpus writes it), the
    same title later in the article is the same office, and its holder a new person."""
    assert "china-commerce-minister" not in world.offices
    text = (
        "Chinese Commerce Minister Wang Wentao met Raimondo on Monday.\n\n"
        "Commerce Minister Wang Wentao said on Tuesday the talks were candid.\n"
    )
    drafted = propose(world, text, dt.date(2023, 8, 29), "a999")
    assert drafted.offices_new == {
        "china-commerce-minister": NewOffice(
            "china-commerce-minister",
            "Commerce Minister",
            "china",
            True,
            "Chinese Commerce Minister Wang Wentao",
        )
    }
    assert drafted.people_new == {"wang-wentao": ("Wang Wentao", "Chinese Commerce Minister Wang Wentao")}
    roles = [
        (p.fields["person"], p.fields["office"], p.fields["at"])
        for p in drafted.proposals
        if p.kind == "role"
    ]
    assert roles == [
        ("wang-wentao", "china-commerce-minister", "on Monday"),
        ("wang-wentao", "china-commerce-minister", "on Tuesday"),
    ]
    # a known office is never taken for the new one, nor the new one for a known office
    assert world.offices.keys().isdisjoint(drafted.offices_new)


@pytest.mark.parametrize(
    ("text", "roles", "offices"),
    [
        # a title before a rank before the name: both, each as written
        (
            "Pentagon Press Secretary Air Force Maj. Gen. Pat Ryder said during a briefing.",
            {("pat-ryder", "us-pentagon-press-secretary"), ("pat-ryder", "us-major-general")},
            {},
        ),
        # "then-": the office is the House Speaker; the speaker is new, and so is the person
        (
            "It followed then-House Speaker Nancy Pelosi's trip.",
            {("nancy-pelosi", "house-speaker")},
            {"house-speaker": "House Speaker"},
        ),
        # in apposition after the name, opened in lower case; not "Defense Charles ..."
        (
            "Gen. Charles Q. Brown Jr., the chairman of the Joint Chiefs of Staff, spoke with him.",
            {("charles-q-brown-jr", "chairman-joint-chiefs-staff")},
            {"chairman-joint-chiefs-staff": "chairman of the Joint Chiefs of Staff"},
        ),
        # a title of several words ends at its rank, and a sentence opener is no title
        (
            "When Foreign Ministry Spokesperson Mao Ning spoke, she was calm.",
            {("mao-ning", "foreign-ministry-spokesperson")},
            {"foreign-ministry-spokesperson": "Foreign Ministry Spokesperson"},
        ),
        # titles of two people do not run into each other across a name
        (
            "Defense Minister Li Shangfu met Vice Premier Zhang Guoqing and State Councilor Yang Jiechi.",
            {
                ("li-shangfu", "china-defense-minister"),
                ("zhang-guoqing", "china-vice-premier"),
                ("yang-jiechi", "china-state-councilor"),
            },
            {},
        ),
    ],
)
def test_titles_before_and_after_a_name(
    world: World, text: str, roles: set[tuple[str, str]], offices: dict[str, str]
) -> None:
    drafted = propose(world, text + "\n", dt.date(2024, 4, 17), "a999")
    assert {(p.fields["person"], p.fields["office"]) for p in drafted.proposals if p.kind == "role"} == roles
    assert {o.id: o.title for o in drafted.offices_new.values()} == offices


def test_a_drafted_office_is_written_and_loads_once_its_role_is_confirmed(project: Path) -> None:
    """The file's `offices:` holds each drafted office; confirmed, its role builds."""
    article = project / "commerce.txt"
    article.write_text("Chinese Commerce Minister Wang Wentao met Raimondo on Monday.\n", encoding="utf-8")
    runner = CliRunner()
    facts, db = str(project / "facts"), str(project / "x.duckdb")
    args = ["--published", "2023-08-29", "--outlet", "T", "--headline", "H", "--reason", "r"]
    drafted = runner.invoke(app, ["draft", str(article), *args, "--facts", facts, "--db", db])
    assert drafted.exit_code == 0, drafted.stdout
    (fact_file,) = (project / "facts" / "articles").glob("*-commerce.yaml")
    text = fact_file.read_text()
    assert "offices:  # drafted" in text
    assert (
        '{id: china-commerce-minister, title: "Commerce Minister", country: china, single_holder: true}'
        in text
    )
    fact_file.write_text(text.replace("facts: []\n", "").replace("\ndrafts:\n", "\nfacts:\n"))
    built = runner.invoke(app, ["build", "--facts", facts, "--db", db])
    assert built.exit_code == 0, built.stdout + built.stderr
    con = duckdb.connect(db, read_only=True)
    try:
        role = con.execute(
            "SELECT person, office FROM roles WHERE office = 'china-commerce-minister'"
        ).fetchall()
    finally:
        con.close()
    assert role == [("wang-wentao", "china-commerce-minister")]
    fact_file.unlink()


def test_a_headline_title_is_read_once_the_article_names_its_holder(world: World) -> None:
    """Found on a trial article: the headline comes before the sentence that names the premier."""
    text = (
        "Chinese premier meets U.S. climate envoy\n\n"
        "Chinese Premier Li Qiang met U.S. Special Presidential Envoy for Climate John Kerry on Tuesday.\n"
    )
    drafted = propose(world, text, dt.date(2023, 7, 19), "a999")
    headline = {
        (p.fields["person"], p.fields["office"])
        for p in drafted.proposals
        if p.kind == "role" and p.start == 0
    }
    assert headline == {("li-qiang", "china-premier"), ("john-kerry", "us-climate-envoy")}


def test_a_title_that_goes_on_is_not_read_short(world: World) -> None:
    """ "President of China, Xi Jinping" is not "President" of the article's other president."""
    text = "President Biden called.\n\nPresident of China, Xi Jinping met Blinken on Friday.\n"
    drafted = propose(world, text, dt.date(2024, 4, 26), "a999")
    roles = [(p.fields["person"], p.quote) for p in drafted.proposals if p.kind == "role"]
    quotes = (
        [p.quote] + [q for q, _, _ in p.more]
        if (p := next(x for x in drafted.proposals if x.kind == "role"))
        else []
    )
    assert roles[0] == ("joe-biden", "President Biden called.")
    assert "President of China, Xi Jinping met Blinken on Friday." not in quotes


def test_a_possessive_name_after_a_long_title_is_a_new_person(world: World) -> None:
    """Found by a new user: "A spokesman for the US State Department Ned Price's ..."."""
    text = "A spokesman for the US State Department Ned Price's statement was clear.\n"
    drafted = propose(world, text, dt.date(2023, 2, 18), "a999")
    assert list(drafted.people_new) == ["ned-price"]
    (role,) = [p for p in drafted.proposals if p.kind == "role"]
    assert (role.fields["office"], role.fields["title"]) == (
        "us-state-department-spokesperson",
        "spokesman for the US State Department",
    )


def test_a_place_no_entity_carries_where_a_meeting_was_is_a_candidate(world: World) -> None:
    """Found by a new user: "met in Munich" drafted the meeting with no venue and said nothing."""
    text = "Antony Blinken and Wang Yi met in Munich at the Munich Security Conference.\n"
    drafted = propose(world, text, dt.date(2023, 2, 18), "a999")
    places = [c.text for c in drafted.candidates if c.what == "place"]
    assert places == ["Munich", "Munich Security Conference"]


def test_an_article_id_that_is_already_an_id_is_refused_before_anything_is_written(project: Path) -> None:
    """Found trying README's tour: a text named qin-gang.txt took the person qin-gang's id."""
    before = sorted(p.name for p in (project / "facts" / "articles").iterdir())
    seeds = sorted(p.name for p in (project / "seeds").iterdir())
    code, _, err = _draft(project, "qin-gang")
    assert code == 2
    assert "the article id 'qin-gang' is already the id of one of the people (facts/entities.yaml:" in err
    assert sorted(p.name for p in (project / "facts" / "articles").iterdir()) == before
    assert sorted(p.name for p in (project / "seeds").iterdir()) == seeds


def test_the_two_presidents_are_the_two_the_article_drafts_as_presidents(world: World) -> None:
    """Found on held-out articles: "the two presidents", "their respective presidents" are roles
    of the two people the article names as presidents; with one or three, no one."""
    text = (
        "President Barack Obama met Chinese President Hu Jintao on Tuesday.\n\n"
        "The two Presidents agree that trade matters.\n"
    )
    drafted = propose(world, text, dt.date(2011, 1, 19), "a999")
    plural = sorted(
        (p.fields["person"], p.fields["office"])
        for p in drafted.proposals
        if p.kind == "role" and p.fields["title"] == "The two Presidents"
    )
    assert plural == [("barack-obama", "us-president"), ("hu-jintao", "china-president")]
    alone = propose(
        world, "President Barack Obama spoke.\nThe two presidents agree.\n", dt.date(2011, 1, 19), "a999"
    )
    assert [p.fields["title"] for p in alone.proposals if p.kind == "role"] == ["President"]


@pytest.mark.parametrize(
    ("text", "measure", "quantity"),
    [
        # time gone by, with its hedge
        (
            "Kissinger first came to Beijing more than 50 years ago.",
            "time-since",
            {"value": 50.0, "unit": "year"},
        ),
        # a stay
        ("He plans to be in the U.S. for four days.", "visit.length", {"value": 4.0, "unit": "day"}),
        # an anniversary's years
        (
            "This year marks 45th anniversary of China-US diplomatic relations.",
            "anniversary.years",
            {"value": 45.0, "unit": "year"},
        ),
    ],
)
def test_times_since_stays_and_anniversaries_are_figures(
    world: World, text: str, measure: str, quantity: dict[str, object]
) -> None:
    drafted = propose(world, text + "\n", dt.date(2023, 7, 21), "a999")
    figures = [p for p in drafted.proposals if p.kind == "figure"]
    assert len(figures) == 1, [p.fields for p in figures]
    (figure,) = figures
    assert figure.fields["measure"] in (measure, *world.measures)  # a recorded measure may fit better
    assert {k: figure.fields["quantity"][k] for k in quantity} == quantity
    assert "as_of" in figure.fields


@pytest.mark.parametrize(
    "text",
    [
        "Obama arrived in Shanghai about 11:10 last night.",  # a time of day, not "about 11"
        "The talks began around 9 a.m. in the Great Hall.",
        "Two days later, the envoys met again.",  # a relative date, not a time since
    ],
)
def test_times_of_day_and_relative_dates_are_no_figures(world: World, text: str) -> None:
    drafted = propose(world, text + "\n", dt.date(2009, 11, 16), "a999")
    assert [p.fields for p in drafted.proposals if p.kind == "figure"] == []


def test_a_surname_no_other_name_has_is_its_person(world: World) -> None:
    """Found on held-out articles: "President Obama urged Hu" and "President Obama Friday
    welcomed" name Obama, whose record has no alias "Obama"; "Wang" alone is not one Wang."""
    for text in ("President Obama urged Hu to act.", "President Obama Friday welcomed the guests."):
        drafted = propose(world, text + "\n", dt.date(2013, 6, 7), "a999")
        assert ("barack-obama", "us-president") in {
            (p.fields["person"], p.fields["office"]) for p in drafted.proposals if p.kind == "role"
        }, text
    surnames = Names(world)
    assert "obama" in surnames.surfaces and len(surnames.surfaces["obama"]) == 1
    # a surname two people share names neither of them
    two = replace(world, people={**world.people, "ann-smith": "Ann Smith", "bob-smith": "Bob Smith"})
    assert "smith" not in Names(two).surfaces and "mr smith" not in Names(two).surfaces


def test_a_body_is_no_new_person(world: World) -> None:
    """Found on the held-out trial 31: "... the Foreign Affairs Commission of the CPC Central
    Committee" drafted a person "Affairs Commission"."""
    text = (
        "Yang is a member of the Political Bureau of the Communist Party of China Central Committee "
        "and director of the Office of the Foreign Affairs Commission of the CPC Central Committee.\n"
    )
    drafted = propose(world, text, dt.date(2021, 3, 18), "a999")
    assert drafted.people_new == {}
    assert all(p.fields.get("person") in world.people for p in drafted.proposals if p.kind == "role")


@pytest.mark.parametrize(
    ("text", "day", "roles"),
    [
        # a copula in the present tense, titles joined by "and" (held-out trial 31)
        (
            "Wang Yi is Chinese state councilor and foreign minister.",
            dt.date(2021, 3, 18),
            {("wang-yi", "china-state-councilor"), ("wang-yi", "china-foreign-minister")},
        ),
        # "was" needs the day it was so: nothing
        ("Wang Yi was foreign minister.", dt.date(2021, 3, 18), set()),
        # apposition with "and"
        (
            "Wang Yi, Chinese state councilor and foreign minister, spoke.",
            dt.date(2021, 3, 18),
            {("wang-yi", "china-state-councilor"), ("wang-yi", "china-foreign-minister")},
        ),
    ],
)
def test_a_copula_and_titles_joined_by_and_each_give_a_role(
    world: World, text: str, day: dt.date, roles: set[tuple[str, str]]
) -> None:
    assert {r[:2] for r in _roles(world, text + "\n", day)} == roles


def test_a_title_of_another_country_is_a_new_office_not_the_known_one(world: World) -> None:
    """Found on the trial 32: "China's Vice President Xi Jinping" drafted nothing, the
    corpus's only Vice President being the US one's."""
    drafted = propose(world, "China's Vice President Xi Jinping will visit.\n", dt.date(2012, 2, 13), "a999")
    (role,) = [p for p in drafted.proposals if p.kind == "role"]
    assert role.fields["office"] not in world.offices
    office = drafted.offices_new[role.fields["office"]]
    assert (office.country, office.title) == ("china", "Vice President")
    drafted = propose(world, "U.S. Vice President Joe Biden will visit.\n", dt.date(2012, 2, 13), "a999")
    assert [p.fields["office"] for p in drafted.proposals if p.kind == "role"] == ["us-vice-president"]
    assert drafted.offices_new == {}


@pytest.mark.parametrize(
    ("text", "subjects", "value", "hedge"),
    [
        ("China is the world's largest holder of U.S. government debt.", ["china"], 1, None),
        ("China, America's largest foreign creditor, is worried.", ["china"], 1, None),
        (
            "The U.S. and China are the world's two largest economies.",
            ["china", "united-states"],
            2,
            "at most",
        ),
        (
            "The U.S. and China must pull the world\u2019s top two economies from the brink.",
            ["china", "united-states"],
            2,
            "at most",
        ),
        ("She urged reforms in the world's second-largest economy.", [None], 2, None),
    ],
)
def test_a_rank_is_a_count_figure_for_what_it_ranks(
    world: World, text: str, subjects: list[str | None], value: int, hedge: str | None
) -> None:
    """docs/format.md, "Ranks"; found on held-out trials 24, 27, 29 and 31."""
    drafted = propose(world, text + "\n", dt.date(2013, 6, 7), "a999")
    figures = [p for p in drafted.proposals if p.kind == "figure"]
    assert sorted(f.fields.get("subject") or "" for f in figures) == sorted(s or "" for s in subjects)
    for f in figures:
        assert f.fields["quantity"]["unit"] == "count"
        assert f.fields["quantity"]["value"] == value
        assert f.fields["quantity"].get("hedge") == hedge
        assert f.fields["as_of"] == "2013-06-07"


def test_a_rank_of_two_without_two_countries_named_names_no_one(world: World) -> None:
    drafted = propose(world, "They have the world's two largest economies.\n", dt.date(2013, 6, 7), "a999")
    assert [p for p in drafted.proposals if p.kind == "figure"] == []


@pytest.mark.parametrize(
    ("text", "value", "scale"),
    [
        ("sign another $207B in deals", 207, "billion"),
        ("a $3.5bn loan", 3.5, "billion"),
        ("$12m", 12, "million"),
    ],
)
def test_a_scale_abbreviated_after_a_dollar_amount(text: str, value: float, scale: str) -> None:
    (q,) = find_quantities(text, [])
    assert (q.quantity.value, str(q.quantity.scale), q.quantity.unit) == (value, scale, "USD")


def test_a_dinner_of_a_length_is_the_meeting_s_duration(world: World) -> None:
    """Found on the trial 29: "the dinner of more than two hours"."""
    text = "Trump and Xi met in Buenos Aires on Saturday.\n\nThe dinner of more than two hours ended late.\n"
    drafted = propose(world, text, dt.date(2018, 12, 2), "a999")
    (m,) = [p for p in drafted.proposals if p.kind == "meeting" and "duration" in p.fields]
    assert m.fields["duration"]["value"] == 2 and m.fields["duration"]["hedge"] == "more than"


def test_a_statement_the_text_gives_no_day_is_undated(world: World) -> None:
    """docs/format.md, "When a statement was made": the day its sentence gives, or the one
    just before gives, across paragraphs (a news paragraph is often one sentence); else none
    (the publication date would be a claim the text does not make). Two sentences on dated
    statements the encoders of held-out sets 5-8 left undated."""
    text = (
        "Blinken met Xi in Beijing on Monday.\n\nBlinken said the talks were candid.\n\n"
        "Separately, Xi said progress was made.\n\nThe two sides disagree on Taiwan.\n\n"
        "Blinken said more talks would follow.\n"
    )
    drafted = propose(world, text, dt.date(2023, 6, 20), "a999")
    dates = [p.fields.get("when") for p in drafted.proposals if p.kind == "statement"]
    assert dates == ["on Monday", None, None]
    text = "Blinken met Xi in Beijing on Monday, and Blinken said the talks were candid.\n"
    drafted = propose(world, text, dt.date(2023, 6, 20), "a999")
    assert [p.fields.get("when") for p in drafted.proposals if p.kind == "statement"] == ["on Monday"]


@pytest.mark.parametrize(
    ("text", "when"),
    [
        # a day before the verb, and a year just after it, date the saying
        ("Following Thursday's meetings, Lew said China is committed.", "Thursday"),
        ("Biden said last year that the US would defend Taiwan.", "last year"),
        # a year inside what was said, a possessive of it, or a day to come do not
        ("Wang said the two sides should set the agenda for this year's meetings.", None),
        ("Geithner said the deficit would be cut by 2013.", None),
        ("Wang said Xi would visit next month.", None),
    ],
)
def test_a_statement_is_dated_by_when_it_was_said_not_by_what_it_says(
    world: World, text: str, when: str | None
) -> None:
    drafted = propose(world, text + "\n", dt.date(2014, 7, 10), "a999")
    (statement,) = [p for p in drafted.proposals if p.kind == "statement"]
    assert statement.fields.get("when") == when


def test_a_counterpart_with_no_record_is_the_office_of_the_same_field(world: World) -> None:
    """Found on the held-out trial 35: "his Chinese counterpart General Wei Fenghe", whom the
    record has in no office then: the Chinese office in the field of Esper's."""
    text = (
        "US Defense Secretary Mark Esper met with his Chinese counterpart General Wei Fenghe in Thailand.\n"
    )
    roles = {r[:2] for r in _roles(world, text, dt.date(2019, 11, 18))}
    assert ("wei-fenghe", "china-defense-minister") in roles
    # a Secretary of State's counterpart is a foreign minister, not a Foreign Affairs Office director
    text = "Secretary of State Antony Blinken met his Chinese counterpart Qin Gang.\n"
    roles = {r[:2] for r in _roles(world, text, dt.date(2023, 6, 18))}
    assert ("qin-gang", "china-foreign-minister") in roles


def test_a_surname_is_the_person_the_article_named_in_full(world: World) -> None:
    """Found on the held-out trial 33: after "Vice-Premier Wang Yang", "Wang said" drafted
    Wang Yi's statements, "Wang" being Wang Yi's alias in the corpus."""
    text = "Vice-Premier Wang Yang met Lew in Beijing on Feb 28.\n\nWang said China is ready to work with the US.\n"
    drafted = propose(world, text, dt.date(2016, 2, 29), "a999")
    assert [p.fields["speaker"] for p in drafted.proposals if p.kind == "statement"] == ["wang-yang"]
    # with no Wang named in full, "Wang" is the corpus's
    drafted = propose(world, "Wang said China is ready to work with the US.\n", dt.date(2016, 2, 29), "a999")
    assert [p.fields["speaker"] for p in drafted.proposals if p.kind == "statement"] == ["wang-yi"]


@pytest.mark.parametrize(
    ("text", "value", "subject"),
    [
        (
            "Kerry, on his second China visit since taking office, told Li that dialogue matters.",
            2,
            "john-kerry",
        ),
        ("They attended the 8th round of China-US Strategic and Economic Dialogues.", 8, None),
        ("It was the eighth annual economic dialogue.", 8, None),
        # a name's capital (held-out trial 52)
        ("Dong Jun will attend the 21st IISS Shangri-La Dialogue.", 21, "dong-jun"),
    ],
)
def test_an_ordinal_is_a_count_figure(world: World, text: str, value: int, subject: str | None) -> None:
    """Found on held-out trials 33, 37, 38 (and 20): ordinals encoded as counts, as ranks are."""
    drafted = propose(world, text + "\n", dt.date(2014, 2, 15), "a999")
    (figure,) = [p for p in drafted.proposals if p.kind == "figure"]
    assert figure.fields["quantity"]["value"] == value
    assert figure.fields["quantity"]["unit"] == "count"
    assert figure.fields.get("subject") == subject


@pytest.mark.parametrize(
    "text", ["On the second day of the visit he met Li.", "It was his first visit since 2018."]
)
def test_a_day_of_something_and_a_first_are_no_ordinal_figures(world: World, text: str) -> None:
    drafted = propose(world, text + "\n", dt.date(2014, 2, 15), "a999")
    assert [p.fields for p in drafted.proposals if p.kind == "figure"] == []


def test_a_rank_written_with_of_after_it(world: World) -> None:
    """Found on the held-out trial 38: "the biggest trade partner of the US"."""
    text = "China has become the biggest trade partner of the US.\n"
    drafted = propose(world, text, dt.date(2016, 6, 7), "a999")
    (figure,) = [p for p in drafted.proposals if p.kind == "figure"]
    assert (figure.fields["subject"], figure.fields["quantity"]["value"]) == ("china", 1)


@pytest.mark.parametrize(
    ("text", "published", "value"),
    [
        # quarters and halves of a year (held-out trial 36)
        ("growth in the first half of this year", dt.date(2009, 7, 28), "2009-01-01/2009-06-30"),
        ("growth in the first quarter", dt.date(2009, 7, 28), "2009-01-01/2009-03-31"),
        # a quarter still to come is last year's
        ("growth in the fourth quarter", dt.date(2009, 7, 28), "2008-10-01/2008-12-31"),
        ("in the second quarter of 2014", dt.date(2014, 7, 10), "2014-04-01/2014-06-30"),
        # a weekday before its date is dated by the date (held-out trial 59: an itinerary's
        # "Friday, April 5", in an article of Wednesday 3 April, was dated the Friday before)
        ("Friday, April 5 — meet with Vice Premier He Lifeng", dt.date(2024, 4, 3), "April 5"),
        ("in Beijing Monday, March 30, 2015.", dt.date(2015, 3, 30), "2015-03-30"),
        ("on Thursday, 6 July 2023", dt.date(2023, 7, 9), "2023-07-06"),
        ("met on Friday in Beijing", dt.date(2024, 4, 3), "on Friday"),
    ],
)
def test_dates_the_drafter_reads_as_validate_would(text: str, published: dt.date, value: str) -> None:
    assert [d.value for d in find_dates(text, published)] == [value]


def test_up_to_after_a_verb_of_motion_is_no_bound() -> None:
    """Found on the held-out trial 36: "GDP growth picking up to 7.1 percent" is 7.1."""
    (q,) = find_quantities("GDP growth picking up to 7.1 percent", [])
    assert str(q.quantity.hedge) == "exact"
    (q,) = find_quantities("tariffs of up to 25 percent", [])
    assert str(q.quantity.hedge) == "up to"


def test_the_white_house_and_a_middle_initial_are_known_names(world: World) -> None:
    """Found on the held-out trial 39 and the new user's trial 3: "the White House said" (an
    alias written with its article) drafted nothing, and "President Donald J. Trump" no role,
    the corpus writing him "Donald Trump"."""
    drafted = propose(
        world,
        "Sullivan and Wang Yi held talks in Vienna, the White House said on Thursday.\n",
        dt.date(2023, 5, 11),
        "a999",
    )
    (statement,) = [p for p in drafted.proposals if p.kind == "statement"]
    assert statement.fields["speaker"] == "a017-white-house"
    assert statement.fields["said"] == "Sullivan and Wang Yi held talks in Vienna"
    # a known person written with a middle initial the corpus does not write
    drafted = propose(world, "President Donald J. Trump met Xi Jinping.\n", dt.date(2018, 6, 27), "a999")
    assert ("donald-trump", "us-president") in {
        (p.fields["person"], p.fields["office"]) for p in drafted.proposals if p.kind == "role"
    }
    assert drafted.people_new == {}


def test_a_name_between_an_organization_and_said_is_who_spoke(world: World) -> None:
    """Found in the new user's trial 3: "chief Pentagon spokesperson Dana W. White said" drafted
    a statement of the Pentagon."""
    text = "Mattis met Wei in Beijing, chief Pentagon spokesperson Dana W. White said.\n"
    drafted = propose(world, text, dt.date(2018, 6, 27), "a999")
    assert all(
        p.fields["speaker"] != "a018-us-defense-department"
        for p in drafted.proposals
        if p.kind == "statement"
    )


def test_a_call_s_length_is_a_figure_of_the_event_not_a_meeting(world: World) -> None:
    """Found on the held-out trials 41 and 42: a call is an event (docs/format.md), and
    "2 hours and 17 minutes" is 137 minutes, not two hours, as of the day of the call."""
    text = "US President Joe Biden spoke with Chinese leader Xi Jinping for 2 hours and 17 minutes on Thursday, in the fifth call between the two.\n"
    drafted = propose(world, text, dt.date(2022, 7, 28), "a999")
    assert [p for p in drafted.proposals if p.kind == "meeting"] == []
    lengths = [
        p.fields for p in drafted.proposals if p.kind == "figure" and p.fields["measure"] == "event.length"
    ]
    assert lengths == [
        {
            "measure": "event.length",
            "quantity": {"value": 137, "unit": "minute", "text": "2 hours and 17 minutes"},
            "as_of": "on Thursday",
        }
    ]
    assert [p.fields["quantity"]["value"] for p in drafted.proposals if p.name == "call-number"] == [5]
    # met in person, with a length: a meeting's duration still
    drafted = propose(world, "Blinken met Xi for 35 minutes.\n", dt.date(2023, 6, 19), "a999")
    assert [p.fields["duration"]["value"] for p in drafted.proposals if p.kind == "meeting"] == [35]


def test_a_word_that_only_describes_names_an_office_as_written(world: World) -> None:
    """Found on the held-out trials 41 and 42: "Chinese leader Xi Jinping" drafted the party
    general secretary ("Party leader"); the corpus reads "Chinese leader" as the president
    (an alias of china-president), and "Communist Party leader" as the general secretary."""
    assert _roles(world, "Biden spoke with Chinese leader Xi Jinping.\n", dt.date(2022, 7, 28))[0][:2] == (
        "xi-jinping",
        "china-president",
    )
    assert _roles(world, "Xi, the Communist Party leader, spoke.\n", dt.date(2022, 7, 28))[0][:2] == (
        "xi-jinping",
        "ccp-general-secretary",
    )
    bare = replace(
        world,
        office_words={k: [t for t in v if t != frozenset({"leader"})] for k, v in world.office_words.items()},
    )
    assert _roles(bare, "Biden spoke with Chinese leader Xi Jinping.\n", dt.date(2022, 7, 28)) == []


def test_and_before_a_title_ends_it(world: World) -> None:
    """Found on the held-out trial 41: "an edge over China and House Speaker Nancy Pelosi"
    drafted an office china-house-speaker; "Minister of Science and Technology" keeps its "and"."""
    drafted = propose(
        world,
        "The U.S. seeks an edge over China and House Speaker Nancy Pelosi considers a trip.\n",
        dt.date(2022, 7, 28),
        "a999",
    )
    assert [o.title for o in drafted.offices_new.values()] == ["House Speaker"]
    drafted = propose(
        world, "Minister of Science and Technology Wang Zhigang spoke.\n", dt.date(2022, 7, 28), "a999"
    )
    assert [o.title for o in drafted.offices_new.values()] == ["Minister of Science and Technology"]


def test_a_verb_opening_a_sentence_starts_no_title(world: World) -> None:
    """Found on the held-out trial 49: "Speaking to Premier Li Qiang" drafted an office
    "Speaking to Premier" beside the Premier's."""
    drafted = propose(
        world, "Speaking to Premier Li Qiang, Kerry warned of the heat.\n", dt.date(2023, 7, 19), "a999"
    )
    assert {(p.fields["person"], p.fields["office"]) for p in drafted.proposals if p.kind == "role"} == {
        ("li-qiang", "china-premier")
    }
    assert drafted.offices_new == {}


def test_a_temperature_is_no_count(world: World) -> None:
    """Found on the held-out trial 49: "53 degrees Celsius (128 Fahrenheit)" drafted a count of 128."""
    text = "Temperatures in Death Valley reached 53 degrees Celsius (128 Fahrenheit) on Sunday, and 150 people came.\n"
    drafted = propose(world, text, dt.date(2023, 7, 19), "a999")
    assert [p.fields["quantity"]["value"] for p in drafted.proposals if p.kind == "figure"] == [150]


@pytest.mark.parametrize(
    ("text", "ranked"),
    [
        # the article names the two countries, the sentence does not
        (
            "Obama met Xi in California, as the U.S. and China seek calm.\n\n"
            "The countries have the world's two largest economies.\n",
            {"economy.world-rank"},
        ),
        # held-out trial 50: named only as "US envoy" and "Chinese leaders"
        (
            "US envoy John Kerry met Chinese leaders.\n\n"
            "Representatives of the world's two biggest economies have sat down.\n",
            {"economy.world-rank"},
        ),
        # held-out trial 46: by demonyms in the sentence itself, "in the world" after the noun
        (
            "US President Joe Biden met Chinese President Xi Jinping, the two largest economies in the world.\n",
            {"economy.world-rank"},
        ),
        # held-out trial 52: a second rank joined by "and" has the first one's scope
        (
            "US envoy John Kerry met Chinese leaders.\n\n"
            "The world's two biggest economies -- and two biggest polluters -- have sat down.\n",
            {"economy.world-rank", "a999-polluter.world-rank"},
        ),
    ],
)
def test_the_two_largest_are_the_two_countries_the_article_names(
    world: World, text: str, ranked: set[str]
) -> None:
    drafted = propose(world, text, dt.date(2023, 7, 20), "a999")
    figures = [p.fields for p in drafted.proposals if p.kind == "figure"]
    assert {f["measure"] for f in figures} == ranked
    for measure in ranked:
        assert sorted(f["subject"] for f in figures if f["measure"] == measure) == ["china", "united-states"]


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("Wang Yi said China is ready.", "China is ready."),  # a short clause after "said"
        ("China is ready to act, Wang Yi said.", "China is ready to act"),
        ("China is ready to act, the White House said.", "China is ready to act"),
    ],
)
def test_what_a_statement_says_is_its_clause_not_its_speaker(world: World, text: str, said: str) -> None:
    """Found reviewing the change: once the clause before the speaker left the speaker out,
    a short clause after "said" gave way to an empty one, and the statement said its whole
    sentence."""
    drafted = propose(world, text + "\n", dt.date(2023, 5, 11), "a999")
    (statement,) = [p for p in drafted.proposals if p.kind == "statement"]
    assert statement.fields["said"] == said


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # held-out trial 60: where an ambassador is posted is part of the office, so "US
        # Ambassador to China" is neither the UN ambassador nor China's ambassador to Japan
        ("US Ambassador to China Nicholas Burns met Sullivan.", ("nicholas-burns", "us-ambassador-to-china")),
        (
            "Xie Feng, Chinese Ambassador to the United States, spoke.",
            ("xie-feng", "china-ambassador-to-united-states"),
        ),
        ("Wu Jianghao, Chinese Ambassador to Japan, spoke.", ("wu-jianghao", "china-ambassador-to-japan")),
        # held-out trial 60: a department's field after its country does not change whose it is
        (
            "Yang Tao, Director General of the Chinese Foreign Ministry's North American and Oceanian Affairs, spoke.",
            ("yang-tao", "china-director-general-foreign-ministry-s-north-oceanian-affairs"),
        ),
        # held-out trial 61: "FM" is a Foreign Minister
        ("Sullivan is to hold talks with Chinese FM Wang Yi.", ("wang-yi", "china-foreign-minister")),
        # held-out trial 62: "also a member of" in apposition
        (
            "Wang, also a member of the Political Bureau of the Communist Party of China Central Committee, spoke.",
            ("wang-yi", "cpc-politburo-member"),
        ),
    ],
)
def test_an_office_is_read_with_its_country_and_posting(
    world: World, text: str, expected: tuple[str, str]
) -> None:
    assert expected in [r[:2] for r in _roles(world, text + "\n", dt.date(2024, 8, 27))]
    assert country_named("US Ambassador to China") == "united-states"


def test_a_title_in_apposition_that_ends_in_a_name_is_that_person_s(world: World) -> None:
    """Found on the held-out trial 59: "Vice Premier He Lifeng, Guangdong Governor Wang
    Weizhong" gave He Lifeng an office titled "Guangdong Governor Wang Weizhong"."""
    text = "Yellen met Vice Premier He Lifeng, Guangdong Governor Wang Weizhong, and economists.\n"
    roles = {r[:2] for r in _roles(world, text, dt.date(2024, 4, 5))}
    assert ("he-lifeng", "china-vice-premier") in roles
    assert [r for r in roles if r[0] == "he-lifeng" and r[1] != "china-vice-premier"] == []
    assert ("wang-weizhong", "guangdong-governor") in roles


def test_a_speaker_is_the_person_before_an_apposition(world: World) -> None:
    """Found on the held-out trial 62: "Wang, also a member of the Political Bureau of the
    ... Central Committee, said" was drafted as said by the Politburo."""
    text = "Wang Yi, also a member of the Political Bureau of the Communist Party of China Central Committee, said ties matter.\n"
    drafted = propose(world, text, dt.date(2024, 8, 28), "a999")
    assert [p.fields["speaker"] for p in drafted.proposals if p.kind == "statement"] == ["wang-yi"]
    # "told X ... that": what was said starts after "that"
    text = "Kerry told senior diplomat Wang Yi during a meeting that ties matter.\n"
    drafted = propose(world, text, dt.date(2023, 7, 18), "a999")
    assert [p.fields["said"] for p in drafted.proposals if p.kind == "statement"] == ["ties matter."]
    # a "since" date bounds a visit count, it does not date the saying
    text = (
        "Kerry, on his second China visit since taking office last February, told Li that talks are vital.\n"
    )
    drafted = propose(world, text, dt.date(2013, 5, 20), "a999")
    assert [p.fields.get("when") for p in drafted.proposals if p.kind == "statement"] == [None]


@pytest.mark.parametrize(
    ("text", "measure", "value", "as_of"),
    [
        (
            "Wang Yi and Jake Sullivan have met four times over the past 16 months.",
            "a999-sullivan-wang-meetings.count",
            4,
            "2024-08-27",
        ),
        # a "since" date bounds the count; it is as of the publication
        (
            "Biden and Xi have spoken by phone five-times since 2020.",
            "a999-biden-xi-calls.count",
            5,
            "2024-08-27",
        ),
        ("Blinken has met Wang twice this year.", "a999-blinken-wang-meetings.count", 2, "this year"),
    ],
)
def test_how_often_they_met_is_a_count_not_a_meeting(
    world: World, text: str, measure: str, value: int, as_of: str
) -> None:
    """Found on the held-out trials 46 and 60: "have met four times" drafted one meeting."""
    drafted = propose(world, text + "\n", dt.date(2024, 8, 27), "a999")
    assert [p for p in drafted.proposals if p.kind == "meeting"] == []
    (figure,) = [p.fields for p in drafted.proposals if p.kind == "figure"]
    assert (figure["measure"], figure["quantity"]["value"], figure["as_of"]) == (measure, value, as_of)


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        # held-out trials 59-61: a plan is no meeting or visit (docs/format.md, "Plans")
        ("Sullivan is scheduled to meet Wang Yi in Beijing on Tuesday.", set()),
        ("Antony Blinken is also due to visit China again later this year.", set()),
        ("Janet Yellen will hold talks with He Lifeng.", set()),
        # what happened is, beside what will
        ("Janet Yellen arrived in Beijing on Thursday and will meet He Lifeng.", {"visit"}),
        ("Blinken met Wang Yi in Beijing on Sunday.", {"meeting"}),
    ],
)
def test_a_plan_is_no_meeting_or_visit(world: World, text: str, kinds: set[str]) -> None:
    drafted = propose(world, text + "\n", dt.date(2024, 8, 27), "a999")
    assert {p.kind for p in drafted.proposals if p.kind in ("meeting", "visit")} == kinds


def test_a_city_that_is_also_its_country_s_alias_is_the_destination(world: World) -> None:
    """ "Beijing" is the city and an alias of China: "arrived in Beijing" drafted no visit."""
    drafted = propose(world, "Janet Yellen arrived in Beijing on Thursday.\n", dt.date(2024, 4, 5), "a999")
    (visit,) = [p.fields for p in drafted.proposals if p.kind == "visit"]
    assert (visit["destination"], visit["arrive"]) == ("beijing", "on Thursday")


def test_set_9_names_and_titles(world: World) -> None:
    """Found on the held-out set 9 after its measurement (trials 66-68)."""
    # a weekday after a name is no part of it; a middle initial may go without its period
    text = "President Donald Trump said he will meet with Chinese Vice Premier Liu He Friday.\n"
    roles = {r[:2] for r in _roles(world, text, dt.date(2019, 10, 10))}
    assert ("liu-he", "china-vice-premier") in roles
    text = "US Treasury Secretary Timothy F Geithner met China's Vice Premier Wang Qishan.\n"
    roles = {r[:2] for r in _roles(world, text, dt.date(2010, 10, 25))}
    assert ("timothy-geithner", "us-treasury-secretary") in roles
    # the periods of "U.S.-China" end no title; "executive vice president" is no president
    text = (
        "President Donald Trump met Liu He.\n\nLiu met Craig Allen, president of the U.S.-China Business "
        "Council; and Myron Brilliant, U.S. Chamber of Commerce executive vice president.\n"
    )
    titled = _roles(world, text, dt.date(2019, 10, 10))
    assert ("craig-allen", "President of the U.S.-China Business Council") in [
        (r[0], r[2][0].upper() + r[2][1:]) for r in titled
    ]
    assert [r for r in titled if r[0] == "donald-trump"] == [("donald-trump", "us-president", "President")]


def test_a_day_to_come_dates_no_title_and_no_meeting(world: World) -> None:
    """Found on the held-out trial 63: "a potential meeting between President Joe Biden and
    his Chinese counterpart Xi Jinping in California next month" drafted a meeting, and roles
    as of next month."""
    text = "Officials expect a potential meeting between President Joe Biden and Xi Jinping in California next month.\n"
    drafted = propose(world, text, dt.date(2023, 10, 23), "a999")
    assert [p for p in drafted.proposals if p.kind == "meeting"] == []
    assert {p.fields["at"] for p in drafted.proposals if p.kind == "role"} == {"2023-10-23"}


@pytest.mark.parametrize(
    ("text", "said"),
    [
        # the clause goes on after the speaker with another: what was said is before it
        (
            'The global economy faces "very substantial challenges," Geithner said, and he called for more.',
            'The global economy faces "very substantial challenges,"',
        ),
        ("Ties are stable, Blinken said on Monday.", "Ties are stable"),
        ("On Monday, Blinken said in Beijing that ties were stable.", "ties were stable."),
    ],
)
def test_what_was_said_before_the_speaker(world: World, text: str, said: str) -> None:
    """Found on the held-out trial 67."""
    drafted = propose(world, text + "\n", dt.date(2023, 6, 20), "a999")
    assert [p.fields["said"] for p in drafted.proposals if p.kind == "statement"][:1] == [said]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        # held-out trials 64 and 67
        (
            "Geithner met Vice Premier Wang Qishan today.\n\nGeithner was joined at the two-hour lunch meeting by aides.",
            2,
            "hour",
        ),
        (
            "Trump met Xi on Thursday.\n\nThe open agenda for the 24-hour summit is designed to build a rapport.",
            24,
            "hour",
        ),
    ],
)
def test_a_lunch_or_summit_of_hours_is_the_meeting_s_length(
    world: World, text: str, value: int, unit: str
) -> None:
    drafted = propose(world, text + "\n", dt.date(2017, 4, 7), "a999")
    durations = [
        p.fields["duration"] for p in drafted.proposals if p.kind == "meeting" and "duration" in p.fields
    ]
    assert [(d["value"], d["unit"]) for d in durations] == [(value, unit)]
    # a conference's days are not a meeting's length
    drafted = propose(
        world, "Obama welcomed Xi as they began a two-day summit.\n", dt.date(2013, 6, 7), "a999"
    )
    assert [p for p in drafted.proposals if p.kind == "meeting" and "duration" in p.fields] == []


# --- held-out set 10 (trials 69-74), read after its measurement


def test_a_title_without_a_country_of_another_country_s_office_is_their_own(world: World) -> None:
    """Trial 69 (2012): "Vice President Xi Jinping" had been drafted into the US vice
    president's office, the one the corpus knew by that title. Xi holds China's offices on
    record, so the title is a new office of China's; Biden's "Vice President" stays the US's."""
    text = "Vice President Xi Jinping arrived on Wednesday.\n\nVice President Joe Biden welcomed him.\n"
    drafted = propose(world, text, dt.date(2012, 9, 19), "a999")
    roles = {p.fields["person"]: p.fields["office"] for p in drafted.proposals if p.kind == "role"}
    assert roles == {"xi-jinping": "china-vice-president", "joe-biden": "us-vice-president"}
    assert drafted.offices_new["china-vice-president"].country == "china"


def test_a_since_clause_up_to_its_date_does_not_date_its_titles(world: World) -> None:
    """Trial 70: the titles in "since President Xi Jinping and US President Barack Obama's
    meeting in Sunnylands last June" are held as of the publication (docs/format.md)."""
    text = "Ties have grown since President Xi Jinping and US President Barack Obama's meeting in Sunnylands last June.\n"
    drafted = propose(world, text, dt.date(2014, 10, 19), "a999")
    dates = {p.fields["person"]: p.fields["at"] for p in drafted.proposals if p.kind == "role"}
    assert dates == {"xi-jinping": "2014-10-19", "barack-obama": "2014-10-19"}


@pytest.mark.parametrize(("named", "roles"), [(True, [("joe-biden", "us-president")]), (False, [])])
def test_a_title_standing_for_its_holder_is_the_record_s_holder_the_article_names(
    world: World, named: bool, roles: list[tuple[str, str]]
) -> None:
    """Trial 74: "In November 2021, the US president sent Mr Burns to Moscow" is Biden's title,
    the one person the record has hold it then, whom the article names; an article that does
    not name him gets no role (never a guess)."""
    text = ("Mr Biden voiced optimism.\n\n" if named else "") + (
        "In November 2021, the US president sent Mr Burns to Moscow.\n"
    )
    drafted = propose(world, text, dt.date(2023, 6, 2), "a999")
    found = [(p.fields["person"], p.fields["office"]) for p in drafted.proposals if p.kind == "role"]
    assert found == roles
    for p in drafted.proposals:
        if p.kind == "role":
            assert p.fields["at"] == "2021-11"


@pytest.mark.parametrize(
    ("text", "measure", "quantity"),
    [
        # trial 69: a length written before what lasted
        (
            "It was his first appearance since his bizarre two-week absence from the public eye.",
            "absence.length",
            (2, "week"),
        ),
        # trial 73
        (
            "The summit lasted 3.5 hours with a 15-minute break, Chinese media reported.",
            "break.length",
            (15, "minute"),
        ),
        # trial 72: how many rounds, a count
        (
            "The two sides agreed to restart stalled talks that have already gone 11 rounds.",
            "a999-rounds.count",
            (11, "count"),
        ),
        # trial 73: an ordinal of times
        (
            "This was the third time the two leaders have spoken since Biden took office.",
            "a999-time-number",
            (3, "count"),
        ),
    ],
)
def test_lengths_rounds_and_times_are_figures(
    world: World, text: str, measure: str, quantity: tuple[float, str]
) -> None:
    drafted = propose(world, text + "\n", dt.date(2021, 11, 16), "a999")
    figures = [p for p in drafted.proposals if p.kind == "figure"]
    assert [
        (f.fields["measure"], f.fields["quantity"]["value"], f.fields["quantity"]["unit"]) for f in figures
    ] == [(measure, *quantity)]


@pytest.mark.parametrize(
    "text",
    [
        "The three-day summit started on May 31.",  # a summit's days are a conference's
        "US-China will be on a two-day talk regarding security.",  # a meeting's
        "They met for a two-hour lunch meeting.",  # the meeting's duration, not a figure
        "Xi, a 69-year-old leader, spoke.",  # an age
    ],
)
def test_a_length_of_a_meeting_or_summit_is_no_length_figure(world: World, text: str) -> None:
    drafted = propose(world, text + "\n", dt.date(2024, 6, 1), "a999")
    assert [
        p.fields["measure"]
        for p in drafted.proposals
        if p.kind == "figure" and "length" in p.fields["measure"]
    ] == []


def test_the_world_s_two_biggest_carbon_emitters_is_a_rank_of_each(world: World) -> None:
    """Trial 71: "Obama and Xi, representing the world's two biggest carbon emitters"."""
    text = "The United States and China joined. Obama and Xi, representing the world's two biggest carbon emitters, spoke.\n"
    drafted = propose(world, text, dt.date(2016, 9, 3), "a999")
    figures = [p for p in drafted.proposals if p.kind == "figure"]
    assert sorted(f.fields["subject"] for f in figures) == ["china", "united-states"]
    assert {(f.fields["quantity"]["value"], f.fields["quantity"]["hedge"]) for f in figures} == {
        (2, "at most")
    }


@pytest.mark.parametrize(
    ("text", "hedge"), [("The two met for over an hour.", "over"), ("They met for an hour.", None)]
)
def test_an_hour_after_a_hedge_or_for_is_a_meeting_s_length(
    world: World, text: str, hedge: str | None
) -> None:
    """Trial 69: "The two met for over an hour" (Xi and Panetta) gave no duration."""
    drafted = propose(world, "Xi Jinping met John Kerry.\n\n" + text + "\n", dt.date(2012, 9, 19), "a999")
    durations = [
        p.fields["duration"] for p in drafted.proposals if p.kind == "meeting" and "duration" in p.fields
    ]
    assert [(d["value"], d["unit"], d.get("hedge")) for d in durations] == [(1, "hour", hedge)]
    # an hour that is no length: "an hour later", "half an hour" is not one hour
    for other in ("An hour later they met.", "They met for half an hour."):
        drafted = propose(
            world, "Xi Jinping met John Kerry.\n\n" + other + "\n", dt.date(2012, 9, 19), "a999"
        )
        assert not [
            p
            for p in drafted.proposals
            if p.kind == "meeting" and p.fields.get("duration", {}).get("value") == 1
        ]


def _kinds(world: World, text: str, day: dt.date, kind: str) -> list[dict[str, object]]:
    return [p.fields for p in propose(world, text + "\n", day, "a999").proposals if p.kind == kind]


def test_set_11_titles(world: World) -> None:
    """Found on the held-out set 11 after its measurement (trials 75-80)."""
    # "Vice" lowers the title it opens, not a later one after a verb (trial 75)
    text = (
        "Vice President Joe Biden told Chinese President Xi Jinping Wednesday the United States has concerns."
    )
    roles = {r[:2] for r in _roles(world, text + "\n", dt.date(2013, 12, 4))}
    assert ("xi-jinping", "china-president") in roles
    # a weekday after a title without a name is no name (trial 75)
    text = "Chinese President Xi Jinping met Joe Biden on Tuesday.\n\nBiden dined with the Chinese leader Wednesday."
    at = {f["at"] for f in _kinds(world, text, dt.date(2013, 12, 4), "role") if f["person"] == "xi-jinping"}
    assert at == {"on Tuesday", "Wednesday"}
    # a title without where it is posted is not the office posted somewhere (trial 80)
    offices = {
        f["office"]
        for f in _kinds(world, "Chinese Ambassador Cui Tiankai attended.", dt.date(2020, 6, 17), "role")
    }
    assert "china-ambassador-to-japan" not in offices
    # an organisation's name is no person's (trial 80)
    text = "Bonnie Glaser, director of the China Power Project at the Center for Strategic and International Studies, spoke."
    assert [
        f for f in _kinds(world, text, dt.date(2020, 6, 17), "role") if f["person"] == "power-project"
    ] == []


def test_a_weekday_in_a_plan_s_clause_dates_nothing(world: World) -> None:
    """Trial 75: "Biden will ... take up the issue Friday when he meets with South Korean
    President Park Geun-hye" drafted a meeting on the Friday before, and the title as of it."""
    text = 'The official said Biden will "have the opportunity" to raise it Friday when he meets with Chinese President Xi Jinping.'
    day = dt.date(2013, 12, 4)
    assert _kinds(world, text, day, "meeting") == []
    assert {f["at"] for f in _kinds(world, text, day, "role")} == {"2013-12-04"}
    # a weekday in quoted speech after "will" is not the clause's
    text = '"We will see," Antony Blinken said Friday after he met Wang Yi in Beijing.'
    assert [f.get("when") for f in _kinds(world, text, day, "meeting")] == ["Friday"]


@pytest.mark.parametrize(
    ("text", "value", "unit", "hedge"),
    [
        ("in a 5 1/2-hour meeting and dinner", 5.5, "hour", "exact"),
        ("During an hour-and-a-half meeting with", 1.5, "hour", "exact"),
        ("they talked for two and a half hours", 2.5, "hour", "exact"),
        ("met for an hour and a half", 1.5, "hour", "exact"),
        ("for half an hour", 0.5, "hour", "exact"),
        ("about 2 1/2 hours", 2.5, "hour", "about"),
        ("a 2-1/2-hour meeting", 2.5, "hour", "exact"),
        ("a two-hour meeting", 2.0, "hour", "exact"),
    ],
)
def test_halves_are_read(text: str, value: float, unit: str, hedge: str) -> None:
    """Trials 75 and 78: "a 5 1/2-hour meeting" read as a 2-hour one, "an hour-and-a-half
    meeting" as none."""
    (q,) = find_quantities(text, [])
    assert (q.quantity.value, q.quantity.unit, str(q.quantity.hedge)) == (value, unit, hedge)


def test_set_11_meetings(world: World) -> None:
    day = dt.date(2020, 6, 17)
    # a possessive of what someone did elsewhere names no one who met (trial 78)
    text = (
        "During an hour-and-a-half meeting with Wang Yi, Antony Blinken sanded down the edges of "
        "President Joe Biden's pointed critique of China."
    )
    assert [f["participants"] for f in _kinds(world, text, day, "meeting")] == [["antony-blinken", "wang-yi"]]
    # "the Pompeo-Yang meeting" is theirs, not the sentence's other people's (trial 80)
    text = "As the Blinken-Wang meeting was taking place, President Joe Biden signed a law."
    assert [f["participants"] for f in _kinds(world, text, day, "meeting")] == [["antony-blinken", "wang-yi"]]
    # "between Washington and Beijing" is no place a meeting was in (trial 80)
    text = "Blinken stressed to Wang Yi the need for talks between Washington and Beijing."
    assert [f.get("venue") for f in _kinds(world, text, day, "meeting")] == [None]
    # "the six-hour closed-door talks" are the talks' six hours, no "closed" length (trial 80)
    text = "The six-hour closed-door talks were the first meeting between Blinken and Wang Yi since August."
    assert [f["duration"]["value"] for f in _kinds(world, text, day, "meeting")] == [6]  # type: ignore[index]
    assert _kinds(world, text, day, "figure") == []
    # "her nearly two-week sweep of Asia" is how long the trip is (trial 77)
    text = "Beijing was the third stop in her nearly two-week sweep of Asia."
    assert [f["measure"] for f in _kinds(world, text, day, "figure")] == ["visit.length"]


def test_today_in_a_report_dated_the_day_before_publication_is_the_dateline_s(world: World) -> None:
    """Trial 76: "Qingdao (China), April 7: Defence secretary Chuck Hagel ... today" in a
    paper of April 8: "today" is April 7, which the phrase table would read as April 8."""
    text = "Qingdao (China), April 7: Defense Secretary Lloyd Austin toured the carrier today."
    assert [f["at"] for f in _kinds(world, text, dt.date(2014, 4, 8), "role")] == ["2014-04-07"]
    # a dateline of the publication day changes nothing
    text = "Qingdao (China), April 8: Defense Secretary Lloyd Austin toured the carrier today."
    assert [f["at"] for f in _kinds(world, text, dt.date(2014, 4, 8), "role")] == ["today"]


def test_the_two_largest_before_the_article_names_them(world: World) -> None:
    """Trials 47, 50, 67: a headline or lead ranks "the world's two biggest economies" before
    the article names the two; or its sentence names a third ("South Korea")."""
    text = (
        "Representatives of the world's two biggest economies have sat down.\n\n"
        "US envoy John Kerry met Chinese leaders in China."
    )
    figures = _kinds(world, text, dt.date(2023, 7, 20), "figure")
    assert sorted(str(f["subject"]) for f in figures) == ["china", "united-states"]
    text = (
        "US Treasury Secretary Janet Yellen met China's Vice Premier He Lifeng in Japan to discuss the "
        "world’s two largest economies.\n\nThe US and China agreed; China will act."
    )
    figures = _kinds(world, text, dt.date(2023, 7, 20), "figure")
    assert sorted(str(f["subject"]) for f in figures) == ["china", "united-states"]


def test_as_many_as_is_at_most() -> None:
    """Trial 80: "as many as 1 million" is at most a million (docs/format.md, Hedges)."""
    (q,) = find_quantities("the incarceration of as many as 1 million Uighurs", [])
    assert str(q.quantity.hedge) == "as many as"
    iv = q.quantity.interval()
    assert (iv.low, iv.high) == (0, 1_000_000)


@pytest.mark.parametrize(
    "text",
    [
        'Mattis later told reporters that Trump had called him to reassure him that he was "100 percent" behind the defense secretary.',
        "China agreed to purchase 5 million tons of U.S. soybeans, Trump said.",
    ],
)
def test_a_recorded_measure_needs_words_that_say_what_is_measured(world: World, text: str) -> None:
    """Trials 78 and 79: names near a number ("Trump", "China") made "100 percent" behind
    Mattis a figure of China's GDP growth and 5 million tons of soybeans one of China's
    Christians, which `--check` would have compared with their recorded figures."""
    figures = _kinds(world, text, dt.date(2019, 2, 1), "figure")
    assert figures and all(str(f["measure"]).startswith("a999-") for f in figures)


def test_set_12_titles(world: World) -> None:
    """Found on the held-out set 12 after its measurement (trials 81-86)."""
    # "China's vice president" is no title of the US vice president named before it (trial 82)
    text = "U.S. Vice President Joe Biden met Xi Jinping.\n\nBiden bonds with China's vice president"
    offices = {(f["person"], f["office"], f["at"]) for f in _kinds(world, text, dt.date(2011, 8, 18), "role")}
    assert offices == {("joe-biden", "us-vice-president", "2011-08-18")}
    # one role a day: the weekday and the publication day it names are one (trial 83)
    text = "US President Barack Obama called Xi Thursday.\n\nThe US president had a cordial relationship with Hu."
    roles = _kinds(world, text, dt.date(2013, 3, 14), "role")
    assert [(f["person"], f["at"]) for f in roles if f["person"] == "barack-obama"] == [
        ("barack-obama", "Thursday")
    ]


@pytest.mark.parametrize(
    ("text", "measure", "value"),
    [
        # trial 82: a rank by "No." alone, and a rank by population
        ("He will rule the No. 2 economy.", "economy.world-rank", 2),
        ("He will rule the world's most populous country.", "a999-population.world-rank", 1),
        # trial 83: an ordinal of tests
        ("Obama spoke after Pyongyang's third nuclear test.", "a999-test-number", 3),
        # trials 85 and 86: a time against the plan is a figure of its own
        ("The meeting ended 40 minutes ahead of schedule.", "a999-ahead-of-schedule", 40),
        ("The meeting was scheduled for 30 minutes.", "a999-scheduled-length", 30),
    ],
)
def test_set_12_figures(world: World, text: str, measure: str, value: float) -> None:
    figures = _kinds(world, text, dt.date(2013, 3, 14), "figure")
    assert [(f["measure"], f["quantity"]["value"]) for f in figures] == [(measure, value)]  # type: ignore[index]


def test_set_12_figure_details(world: World) -> None:
    # the owner of an ordinal is its subject, not the last person named (trial 83)
    text = "Obama spoke after North Korea's third nuclear test."
    (test,) = _kinds(world, text, dt.date(2013, 3, 14), "figure")
    assert test.get("subject") == "north-korea"
    # a rank is told as of the article, not of a day to come (trial 83)
    text = "Jacob Lew would travel to Beijing next week to discuss the relationship between the world's two largest economies, the United States and China."
    ranks = _kinds(world, text, dt.date(2013, 3, 14), "figure")
    assert ranks and {f["as_of"] for f in ranks} == {"2013-03-14"}
    # the same sum in another currency is no second figure (trial 85)
    text = "The US has so far racked up $250 billion (€224 billion) worth of tariffs on Chinese goods."
    assert [f["quantity"]["value"] for f in _kinds(world, text, dt.date(2019, 7, 31), "figure")] == [250]  # type: ignore[index]
    # the planned length is not the meeting's; "a little less than" is a hedge (trial 86)
    text = "Austin met Wei Fenghe. The meeting was scheduled for 30 minutes but lasted a little less than an hour."
    meetings = [
        p for p in propose(world, text + "\n", dt.date(2022, 6, 10), "a999").proposals if p.kind == "meeting"
    ]
    assert [m.fields["duration"] for m in meetings if "duration" in m.fields] == [
        {
            "value": 1,
            "unit": "hour",
            "hedge": "a little less than",
            "text": "a little less than an hour",
        }
    ]


@pytest.mark.parametrize(
    ("text", "person", "title"),
    [
        # trial 89: a rank after a lower-case title is no part of the name
        (
            "The meeting went well, said Pentagon spokesman Colonel David Lapan.",
            "david-lapan",
            "Pentagon spokesman",
        ),
        # trial 89: "U.S." inside a title in apposition ends no phrase
        (
            "Admiral Mike Mullen, chairman of the U.S. Joint Chiefs of Staff, was leaving Washington.",
            "mike-mullen",
            "chairman of the U.S. Joint Chiefs of Staff",
        ),
        # trial 92: a describing word makes an office after two capitalised words
        (
            "A delegation led by Senate Majority Leader Chuck Schumer met Chinese President Xi Jinping.",
            "chuck-schumer",
            "Senate Majority Leader",
        ),
        # trial 91: a country's title in lower case after its possessive
        ("Kerry will meet China's climate envoy Xie Zhenhua.", "xie-zhenhua", "China's climate envoy"),
    ],
)
def test_set_13_new_people_with_new_titles(world: World, text: str, person: str, title: str) -> None:
    """Found on the held-out set 13 after its measurement (trials 87-92): people the corpus
    does not know, with titles no office carries, drafted as new people in new offices."""
    roles = _kinds(world, text, dt.date(2011, 7, 8), "role")
    assert [(f["person"], f["title"]) for f in roles if f["person"] == person] == [(person, title)]


def test_a_since_clause_round_an_apposition_dates_no_title_nor_visit(world: World) -> None:
    """Trial 89: "since his predecessor, General Peter Pace, went there in 2007" bounds the
    claim; it dates neither the title before it nor the visit."""
    text = (
        "Admiral Mike Mullen, chairman of the U.S. Joint Chiefs of Staff, was leaving Washington.\n\n"
        "Mullen's visit to China is the first by a chairman of the Joint Chiefs since his predecessor, "
        "General Peter Pace, went there in 2007."
    )
    drafted = propose(world, text + "\n", dt.date(2011, 7, 8), "a999")
    assert {p.fields["at"] for p in drafted.proposals if p.kind == "role"} == {"2011-07-08"}
    assert [p.fields["of"] for p in drafted.proposals if p.kind == "visit"] == ["a999-mullen-visit-2011"]


@pytest.mark.parametrize(
    "text",
    [
        # trial 89: meetings to come, and the person who tells of them
        "Mike Mullen had a wide range of meetings scheduled with senior military officials, David Lapan said.",
        # trial 92: a meeting that could be, and the summit it could be at
        "Biden has signaled that it's possible he could meet with Xi at the Asia-Pacific Economic Cooperation summit in November.",
        "Biden and Xi's meeting would round off a turbulent year between the two countries.",
        # trial 91: a name before a body, a possessive of a presence
        "Kerry's trip comes despite a testy initial meeting last month in Alaska between top Biden officials and their Chinese counterparts.",
        "Beijing, which has so far not committed to Xi's presence at the summit, said Kerry would arrive on Wednesday.",
    ],
)
def test_set_13_no_meeting(world: World, text: str) -> None:
    text = (
        "Admiral Mike Mullen, chairman of the U.S. Joint Chiefs of Staff, met Pentagon spokesman Colonel David Lapan.\n\n"
        + text
    )
    meetings = [f for f in _kinds(world, text, dt.date(2021, 4, 14), "meeting")]
    assert [f["participants"] for f in meetings] in ([], [["david-lapan", "mike-mullen"]])


def test_talks_that_could_help_are_talks(world: World) -> None:
    """A modal after the talks says what they could do, not that they are a plan (trial 21)."""
    text = "Kerry told Wang Yi that talks could provide a fresh start for the two countries."
    assert [f["participants"] for f in _kinds(world, text, dt.date(2023, 7, 18), "meeting")] == [
        ["john-kerry", "wang-yi"]
    ]


@pytest.mark.parametrize(
    ("text", "person", "title"),
    [
        # trial 95: a describing word after the country's makes an office
        (
            "US House Minority Leader Nancy Pelosi traveled to Tibet on Thursday.",
            "nancy-pelosi",
            "US House Minority Leader",
        ),
        # trials 89, 93, 95: a title in lower case, in apposition, of a body named in capitals
        (
            "On Friday, the delegation also held talks with Zhang Ping, vice-chairman of the NPC Standing Committee.",
            "zhang-ping",
            "vice-chairman of the NPC Standing Committee",
        ),
        (
            "Chen Guoquan, Party secretary of the Tibet autonomous region, met the delegation in Lhasa on Tuesday.",
            "chen-guoquan",
            "Party secretary of the Tibet autonomous region",
        ),
        # trial 87: or of an institution's word
        (
            '"We oppose it," said Zhao Lijian, a spokesman at the foreign ministry.',
            "zhao-lijian",
            "spokesman at the foreign ministry",
        ),
    ],
)
def test_set_14_new_people_with_new_titles(world: World, text: str, person: str, title: str) -> None:
    roles = [(f["person"], f["title"]) for f in _kinds(world, text, dt.date(2015, 11, 13), "role")]
    assert (person, title) in roles


@pytest.mark.parametrize(
    "text",
    [
        # a clause in apposition is no title
        "Zhang Ping, who spoke of the Standing Committee, met the delegation on Friday.",
        # nor a lower-case phrase of nothing named
        "Zhang Ping, chief of staff, met the delegation on Friday.",
        # nor a title no longer held
        "Zhang Ping, former director of the Xinhua News Agency, met the delegation on Friday.",
        "Zhang Ping, a former spokesman at the foreign ministry, met the delegation on Friday.",
    ],
)
def test_set_14_no_title_in_apposition(world: World, text: str) -> None:
    assert _kinds(world, text, dt.date(2015, 11, 13), "role") == []


def test_set_14_middle_initial(world: World) -> None:
    """Trial 94: a new person is named as the corpus writes people, without the middle
    initial, which stays an alias; the initial of a known person's name is no new person."""
    text = "Defense Secretary Leon E. Panetta welcomed Chinese Defense Minister Gen. Liang Guanglie to the Pentagon today."
    drafted = propose(world, text + "\n", dt.date(2012, 5, 7), "a999")
    assert drafted.people_new["leon-panetta"][0] == "Leon Panetta"
    assert drafted.aliases_new["leon-panetta"] == ["Leon E. Panetta"]
    assert next(p.fields["person"] for p in drafted.proposals if p.kind == "role") == "leon-panetta"
    known = "Secretary of State Antony J. Blinken met Wang Yi."
    drafted = propose(world, known + "\n", dt.date(2023, 6, 19), "a999")
    assert drafted.people_new == {}


def test_set_14_listed_members(world: World) -> None:
    """Trial 95: a plural title before a list of names is a role for each, of one office."""
    text = (
        "Besides Pelosi, the US delegation included the following Democratic members of Congress: "
        "Jim McGovern of Massachusetts, Joyce Beatty of Ohio, Betty McCollum and Timothy Walz of Minnesota, "
        "and Alan Lowenthal and Ted Lieu of California."
    )
    roles = _kinds(world, text, dt.date(2015, 11, 13), "role")
    assert [f["person"] for f in roles] == [
        "jim-mcgovern",
        "joyce-beatty",
        "betty-mccollum",
        "timothy-walz",
        "alan-lowenthal",
        "ted-lieu",
    ]
    assert {f["office"] for f in roles} == {"us-member-congress"}
    # the list ends at the first item that is no name; a known name keeps its id
    text = "Senators Bill Cassidy, Maggie Hassan and Antony Blinken met Wang Yi on Monday, officials said."
    roles = _kinds(world, text, dt.date(2023, 10, 9), "role")
    assert [f["person"] for f in roles] == ["bill-cassidy", "maggie-hassan", "antony-blinken"]
    assert _kinds(world, "The senators met Wang Yi on Monday.", dt.date(2023, 10, 9), "role") == []


@pytest.mark.parametrize(
    ("text", "measure", "value"),
    [
        # trials 59, 96: how long talks go on, written as days of them
        ("The dinner was tacked on to the end of two days of G20 diplomacy.", "talks.length", 2),
        ("Yellen arrived ahead of four full days of meetings with Chinese officials.", "meetings.length", 4),
        # trials 41, 98: the time since the one before
        ("It was the first call between the two leaders in nearly two years.", "call.time-since-previous", 2),
        (
            "The planned call between the leaders, their first in more than four months, comes now.",
            "call.time-since-previous",
            4,
        ),
    ],
)
def test_set_14_figures(world: World, text: str, measure: str, value: float) -> None:
    figures = _kinds(world, text, dt.date(2024, 4, 2), "figure")
    assert [(f["measure"], f["quantity"]["value"]) for f in figures] == [(measure, value)]  # type: ignore[index]


def test_set_14_a_first_visit_is_no_figure(world: World) -> None:
    """A visit's "first in five years" is the visit's first_since (docs/format.md), no figure."""
    text = "Making the first visit to China by a US secretary of state in five years, Blinken met Xi Jinping."
    assert _kinds(world, text, dt.date(2023, 6, 19), "figure") == []


def test_set_14_the_day_it_was_reported_is_not_the_day_it_happened(world: World) -> None:
    """Trial 95: "reported on Thursday that ... met on Tuesday afternoon" dates the title by
    the meeting; a report that gives no other day is dated by the one it gives."""
    text = (
        "The Tibet Daily reported on Thursday that Chen Guoquan, Party secretary of the Tibet "
        "autonomous region, met in Lhasa on Tuesday afternoon with the US delegation."
    )
    assert [f["at"] for f in _kinds(world, text, dt.date(2015, 11, 13), "role")] == ["on Tuesday afternoon"]
    text = "Xinhua reported on Thursday that Foreign Minister Wang Yi met the delegation."
    assert [f["at"] for f in _kinds(world, text, dt.date(2015, 11, 13), "role")] == ["on Thursday"]


def test_set_14_a_spokesperson_tells_of_a_meeting(world: World) -> None:
    """Trial 91: the spokesperson who tells of a meeting is not one of those who meet, and a
    known office's title in lower case is that office, no new one (trial 17)."""
    text = (
        "Kerry is in Shanghai at the invitation of the Chinese ministry of ecology and environment, "
        "said Zhao Lijian, a spokesman at the foreign ministry, when asked who proposed the face-to-face meeting."
    )
    assert _kinds(world, text, dt.date(2021, 4, 14), "meeting") == []
    text = "Lloyd Austin held his first engagement with Adm. Dong Jun, defense minister of China, yesterday."
    offices = {str(f["office"]) for f in _kinds(world, text, dt.date(2024, 4, 17), "role")}
    assert "china-defense-minister" in offices
    assert not any(o.startswith("a999-") for o in offices)


def test_set_15_a_surname_after_another_first_name_and_initial(world: World) -> None:
    """Trial 99: "Robert M. Gates" is no one the corpus knows as "Gates" (Bill Gates), but a
    new person, whose statements are drafted as a known person's are."""
    text = (
        "Defense Secretary Robert M. Gates told his Chinese counterpart that the United States welcomes China.\n\n"
        "Gates said the United States welcomes a strong China."
    )
    drafted = propose(world, text + "\n", dt.date(2009, 10, 27), "a999")
    assert [(p.kind, p.fields.get("person") or p.fields.get("speaker")) for p in drafted.proposals] == [
        ("role", "robert-gates"),
        ("statement", "robert-gates"),
        ("statement", "robert-gates"),
    ]


def test_set_15_a_body_then_its_title_in_lower_case(world: World) -> None:
    """Trial 101: "Ben Rhodes, White House deputy national security adviser"; not a former
    office, nor a known office's title (which is read as that office)."""
    text = (
        "The plan failed, said the senior official, Ben Rhodes, White House deputy national security adviser."
    )
    assert [(f["person"], f["title"]) for f in _kinds(world, text, dt.date(2012, 3, 27), "role")] == [
        ("ben-rhodes", "White House deputy national security adviser")
    ]
    assert _kinds(world, "John Smith, a former ambassador, said it.", dt.date(2012, 3, 27), "role") == []
    roles = _kinds(world, "Qin Gang, Chinese foreign minister, said it.", dt.date(2023, 3, 27), "role")
    assert [f["office"] for f in roles] == ["china-foreign-minister"]


def test_set_15_an_ordinal_of_a_named_meeting(world: World) -> None:
    """Trial 102: capitalised words between the ordinal and its noun."""
    text = "Obama attended the 22nd Asia-Pacific Economic Cooperation Economic Leaders' meeting."
    figures = _kinds(world, text, dt.date(2014, 11, 12), "figure")
    assert [f["quantity"]["value"] for f in figures] == [22]  # type: ignore[index]


def test_set_15_an_indefinite_title_is_no_one(world: World) -> None:
    """Trial 103: "a senior Chinese military leader" is someone, not the Chinese president the
    article named; "the Chinese president" is."""
    text = (
        "Chinese President Xi Jinping met Ashton Carter on Wednesday.\n\n"
        "The Pentagon rolled out red carpet for a senior Chinese military leader on Thursday morning.\n\n"
        "Carter had a meeting with the Chinese president on Thursday."
    )
    roles = [(f["title"], f["at"]) for f in _kinds(world, text, dt.date(2015, 6, 12), "role")]
    assert roles == [("Chinese President", "on Wednesday"), ("Chinese president", "on Thursday")]


def test_set_15_another_things_day_to_come(world: World) -> None:
    """Trial 101: a day to come far from the meeting is another thing's ("a satellite launch
    next month"), not a plan of the meeting, which is drafted with its length; near it, the
    meeting is a plan."""
    text = (
        "In a 90-minute meeting with China's president, Hu Jintao, before a nuclear-security summit in "
        "South Korea, Obama pressed the Chinese leader to use his influence over Pyongyang to stop it "
        "from proceeding with a satellite launch next month, according to a White House official."
    )
    meetings = _kinds(world, text, dt.date(2012, 3, 27), "meeting")
    assert [(f["participants"], f["duration"]["value"], "when" in f) for f in meetings] == [  # type: ignore[index]
        (["barack-obama", "hu-jintao"], 90, False)
    ]
    text = "Obama said a meeting with Hu Jintao could take place next month."
    assert _kinds(world, text, dt.date(2012, 3, 27), "meeting") == []


def test_set_15_a_known_name_with_initial_and_suffix(world: World) -> None:
    """Trial 18: "Lloyd J. Austin III" is Lloyd Austin, and so for a person the article
    introduced as "Sam Okafor" (then "Sam T. Okafor Jr.")."""
    text = "Secretary of Defense Lloyd J. Austin III met Admiral Dong Jun."
    assert ("lloyd-austin", "us-secretary-of-defense") in {
        (f["person"], f["office"]) for f in _kinds(world, text, dt.date(2024, 5, 31), "role")
    }
    text = (
        "Pentagon Press Secretary Sam Okafor said it.\n\n"
        "Pentagon Press Secretary Sam T. Okafor Jr. said it again."
    )
    drafted = propose(world, text + "\n", dt.date(2024, 5, 31), "a999")
    assert set(drafted.people_new) == {"sam-okafor"}
    assert {p.fields["speaker"] for p in drafted.proposals if p.kind == "statement"} == {"sam-okafor"}


def test_set_15_a_title_after_by_a_is_who_did_it(world: World) -> None:
    """Trials 55, 89: "the first visit to China by a U.S. secretary of state" is the one who
    made it, whom the article named."""
    text = (
        "Secretary of State Antony Blinken met Qin Gang in Beijing on Sunday.\n\n"
        "It was the first visit to China by a U.S. secretary of state in five years."
    )
    roles = [f["title"] for f in _kinds(world, text, dt.date(2023, 6, 19), "role")]
    assert roles == ["Secretary of State", "U.S. secretary of state"]
