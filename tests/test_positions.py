"""Look-ups by position give what a scan of the whole list gives, in the list's order."""

import random
from collections import Counter
from dataclasses import dataclass

from conflictwire.actors.match import Candidate, _resolve
from conflictwire.models import Article, Place
from conflictwire.places.country import EXACT_NAMES, CountryVote
from conflictwire.places.resolve import DocContext
from conflictwire.positions import Positions, places_of
from conflictwire.view import Entity, NlpView


@dataclass
class Item:
    start: int
    end: int


def items(seed: int, n: int = 300) -> list[Item]:
    rnd = random.Random(seed)
    found = []
    for _ in range(n):
        start = rnd.randint(0, 2_000)
        found.append(Item(start, start + rnd.randint(1, 30)))
    return found  # not in text order, overlapping, some at the same start


def test_look_ups_match_a_scan_in_list_order():
    for seed in range(5):
        listed = items(seed)
        near = Positions(listed)
        rnd = random.Random(seed + 100)
        for _ in range(200):
            lo = rnd.randint(-50, 2_050)
            hi = lo + rnd.randint(0, 120)
            other = (hi + 10, hi + rnd.randint(10, 60))
            assert near.starting_in((lo, hi), other) == [
                x for x in listed if lo <= x.start < hi or other[0] <= x.start < other[1]
            ]
            assert near.overlapping(lo, hi) == [x for x in listed if x.start < hi and lo < x.end]
            assert near.ending_in(lo, hi) == [x for x in listed if lo <= x.end <= hi]
            assert near.where_end(lo, hi) == [i for i, x in enumerate(listed) if lo <= x.end <= hi]


def test_entities_in_a_span_match_a_scan():
    view = NlpView(model="test")
    position = 0
    for i in range(200):
        position += 1 + i % 7
        view.entities.append(Entity(position, position + 3 + i % 4, "GPE", "x"))
        position += 3 + i % 4
    for lo in range(0, position, 13):
        hi = lo + 25
        assert view.index.entities_in(lo, hi) == [
            e for e in view.entities if e.start < hi and lo < e.end
        ]


def test_an_index_built_for_one_article_is_not_used_for_another():
    view = NlpView(model="test")
    first = Article(text="Homs and Hama", places=[Place(start=0, end=4, mention="Homs")], nlp=view)
    second = Article(text=first.text, places=[Place(start=9, end=13, mention="Hama")], nlp=view)
    assert [p.mention for p in places_of(first).starting_in((0, 20))] == ["Homs"]
    assert [p.mention for p in places_of(second).starting_in((0, 20))] == ["Hama"]
    assert [p.mention for p in places_of(first).starting_in((0, 20))] == ["Homs"]


def test_settling_overlapping_actor_candidates_matches_a_pairwise_check():
    rnd = random.Random(3)
    candidates = []
    for _ in range(400):
        start = rnd.randint(0, 3_000)
        candidates.append(
            Candidate(start, start + rnd.randint(1, 40), "a", "t", None, rnd.randint(0, 3))
        )

    def pairwise(found):
        kept = []
        for cand in sorted(found, key=lambda c: (c.start - c.end, -c.priority, c.start)):
            if all(cand.end <= k.start or cand.start >= k.end for k in kept):
                kept.append(cand)
        return kept

    assert _resolve(candidates) == pairwise(candidates)


def test_a_names_context_leaves_its_own_votes_out_with_many_names_too():
    """Over ``EXACT_NAMES`` names, a name's context is the total less its own votes: the same
    shares as adding up the others, to within a float's rounding."""
    rnd = random.Random(5)
    codes = ["SY", "IQ", "SD", "ML", "UA"]
    for names in (20, EXACT_NAMES + 50):
        context = DocContext()
        for i in range(names):
            candidate = FakeCandidate(rnd.choice(codes), rnd.choice(["admin1", "town", "demonym"]))
            context.add(f"name{i}", candidate)
        for key in ("name0", f"name{names // 2}", "unknown"):
            keyed = context.for_key(key)
            assert keyed is context.for_key(key)  # made once
            others = Counter()
            for name, votes in context.vote.by_name.items():
                if name != key:
                    others.update(votes)
            admin = Counter()
            for name, units in context.admin_votes.items():
                if name != key:
                    admin.update(units)
            total = sum(others.values())
            for code in codes:
                assert abs(keyed.country_share(code) - others[code] / total) < 1e-12
                assert keyed.admin1_share(code, "01") == admin[(code, "01")] / sum(admin.values())


def test_a_vote_adds_up_the_other_names():
    vote = CountryVote({"default": 1, "demonym": 0.3})
    for i in range(EXACT_NAMES + 5):
        vote.add(f"n{i}", "SY" if i % 3 else "IQ", "demonym" if i % 2 else "town")
    assert set(vote.counts(excluding="n0")) == {"SY", "IQ"}
    assert abs(vote.counts(excluding="n0")["IQ"] - (vote.counts()["IQ"] - 1)) < 1e-9


@dataclass(frozen=True)
class FakeCandidate:
    country_code: str
    feature: str
    admin1_code: str = "01"
