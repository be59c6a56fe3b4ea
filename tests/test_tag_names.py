"""One country or person per name: names and slugs are unique whatever their
capitals, and kept in one Unicode form (NFC), so a name is one page and one feed."""

import unicodedata

import pytest
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from articles.models import Author, CountryTag, PersonTag
from tests.workflow import csrf_client, csrf_post

pytestmark = pytest.mark.django_db

TAKEN = "already exists, written with other capitals"


def add(user, kind, **data):
    url = reverse(f"admin:articles_{kind}_add")
    return csrf_post(csrf_client(user), url, data)


def test_person_differing_only_in_case_is_a_form_error(reporter):
    """Adding `casetwin` when `Casetwin` exists is refused on the form."""
    PersonTag.objects.create(name="Casetwin", slug="casetwin")
    response = add(reporter, "persontag", name="casetwin", slug="casetwin-2")
    assert response.status_code == 200
    assert f"A person with this name {TAKEN}" in response.text
    assert PersonTag.objects.filter(name__iexact="casetwin").count() == 1


def test_person_slug_differing_only_in_case_is_a_form_error(desk_editor):
    """A slug that differs from another person's only in case is refused."""
    PersonTag.objects.create(name="Casetwin", slug="casetwin")
    response = add(desk_editor, "persontag", name="Case Twin", slug="CaseTwin")
    assert response.status_code == 200
    assert f"A person with this address {TAKEN}" in response.text
    assert PersonTag.objects.count() == 1


def test_country_differing_only_in_case_is_a_form_error(editor):
    """Adding `ukraine` beside the seeded `Ukraine` is refused on the form (only the
    site's administrators add countries)."""
    response = add(editor, "countrytag", name="ukraine", slug="ukraine-2", code="XU")
    assert response.status_code == 200
    assert f"A country with this name {TAKEN}" in response.text
    assert not CountryTag.objects.filter(code="XU").exists()


def test_name_in_another_unicode_form_is_the_same_name(desk_editor):
    """“Zoë” typed with a combining diaeresis is stored as, and clashes with, “Zoë”."""
    decomposed = unicodedata.normalize("NFD", "Zoë Ångström")
    assert add(desk_editor, "persontag", name=decomposed, slug="zoe").status_code == 302
    person = PersonTag.objects.get()
    assert person.name == unicodedata.normalize("NFC", "Zoë Ångström")
    again = unicodedata.normalize("NFD", "zoë Ångström")
    response = add(desk_editor, "persontag", name=again, slug="zoe-2")
    assert response.status_code == 200
    assert f"A person with this name {TAKEN}" in response.text


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite folds ASCII only")
def test_capitals_of_every_script_are_one_name(desk_editor):
    """On PostgreSQL, “ZOË ÅNGSTRÖM” and “Україна” in capitals clash too."""
    PersonTag.objects.create(name="Zoë Ångström", slug="zoe")
    PersonTag.objects.create(name="Олена Україна", slug="olena")
    for name in ["ZOË ÅNGSTRÖM", "ОЛЕНА УКРАЇНА"]:
        response = add(desk_editor, "persontag", name=name, slug="other")
        assert f"A person with this name {TAKEN}" in response.text, name
    assert PersonTag.objects.count() == 2


def test_database_refuses_case_twins_past_the_form():
    """The database itself refuses a second name differing only in case."""
    PersonTag.objects.create(name="Casetwin", slug="casetwin")
    with pytest.raises(IntegrityError), transaction.atomic():
        PersonTag.objects.create(name="CASETWIN", slug="casetwin-upper")
    with pytest.raises(IntegrityError), transaction.atomic():
        PersonTag.objects.create(name="Other", slug="CASETWIN")


def test_authors_may_share_a_name(desk_editor):
    """Two reporters with the same name are two authors, told apart by slug."""
    Author.objects.create(name="John Smith", slug="john-smith")
    response = add(desk_editor, "author", name="john smith", slug="john-smith-2")
    assert response.status_code == 302
    assert Author.objects.filter(name__iexact="john smith").count() == 2


def test_author_name_is_kept_in_one_unicode_form(desk_editor):
    """An author's name typed in decomposed form is stored composed."""
    decomposed = unicodedata.normalize("NFD", "Łucja Müller")
    add(desk_editor, "author", name=decomposed, slug="lucja-muller")
    assert Author.objects.get().name == unicodedata.normalize("NFC", "Łucja Müller")
