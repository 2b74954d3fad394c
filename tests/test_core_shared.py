"""Shared pieces used by several apps: one German sort order, one end-before-start check."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from ikpe_site.core.models import german_sort_key
from projects.models import ProjectMembership, ProjectPage


def test_german_sort_order_is_the_same_for_districts_and_people():
    names = ["Sonneberg", "Sömmerda", "Zwiebel", "Äpfel", "Ostbahn", "Straße", "Strasse Nord", "Émile", "ebert"]
    assert sorted(names, key=german_sort_key) == [
        "Äpfel",
        "ebert",
        "Émile",
        "Ostbahn",
        "Sömmerda",
        "Sonneberg",
        "Straße",
        "Strasse Nord",
        "Zwiebel",
    ]


@pytest.mark.parametrize("model", [ProjectPage, ProjectMembership])
def test_end_before_start_is_refused_on_the_end_field(db, model):
    item = model(start_date=datetime.date(2024, 5, 2), end_date=datetime.date(2024, 5, 1))
    with pytest.raises(ValidationError) as error:
        item.clean()
    assert "end_date" in error.value.message_dict
    item.end_date = datetime.date(2024, 5, 2)
    item.clean()  # the same day is a valid period
