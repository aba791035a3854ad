"""ACLED's ontology as data: every group the code reads names known types, and a typo in
types.yaml is an error naming it, not a silent miss."""

from __future__ import annotations

import copy
from importlib import resources

import pytest
import yaml

from conflictwire.ontology import Ontology, ontology


def _data() -> dict:
    path = resources.files("conflictwire").joinpath("data/events/types.yaml")
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_the_groups_the_code_reads_exist_and_hold_acled_types():
    onto = ontology()
    assert len(onto.sub_types) == 25
    assert onto.group("territory_taken") < onto.group("territory_changes")
    assert onto.event_types("demonstrations") == {"Protests", "Riots"}
    assert onto.recode("crowd_attack", "Attack") == "Mob violence"
    assert onto.recode("crowd_attack", "Armed clash") == "Armed clash"
    assert onto.recode("taken_by_state", "Non-state actor overtakes territory") == (
        "Government regains territory"
    )
    assert onto.crowd_of["Protests"] == "Protesters"


def test_a_misspelt_sub_type_in_a_group_is_an_error_naming_it():
    data = copy.deepcopy(_data())
    data["groups"]["peaceful_protests"].append("Peacefull protest")
    with pytest.raises(ValueError, match="Peacefull protest"):
        Ontology.from_mapping(data)


def test_a_misspelt_event_type_is_an_error_naming_it():
    data = copy.deepcopy(_data())
    data["event_type_groups"]["symmetric"] = ["Battle"]
    with pytest.raises(ValueError, match="Battle"):
        Ontology.from_mapping(data)
