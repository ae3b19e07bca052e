"""Fields practices asked for: opening hours, phone extensions, colour names, pasted quotes,
and plain words for YAML indentation mistakes."""

from __future__ import annotations

import re

import pdfplumber

from conftest import practice_yaml, run
from informed.colour import WHITE, contrast

PRACTICE = "content/practices/example-surgery/practice.yaml"


def build(root, *args):
    return run(root, "build", "--format", "html", *args)


def line_of(root, needle: str) -> int:
    text = (root / PRACTICE).read_text().splitlines()
    return next(i for i, line in enumerate(text, 1) if needle in line)


def test_a_phone_extension_is_accepted_and_printed(project):
    root = project({PRACTICE: practice_yaml(phone='phone: "0113 496 0000 ext 2"')})
    result = build(root, "--material", "leaflet")
    assert result.exit_code == 0, result.output
    page = (root / "output/example-surgery/en-GB/leaflet.html").read_text()
    assert '<span class="nobreak">0113 496 0000 ext 2</span>' in page


def test_a_refused_phone_number_says_which_format_is_accepted(project):
    root = project({PRACTICE: practice_yaml(phone='phone: "0113 496 0000 extn 2"')})
    result = build(root)
    assert result.exit_code == 2
    assert (f'{PRACTICE}:{line_of(root, "extn")}: phone: expected a phone number such as '
            '"0300 303 5678": digits and spaces, with an extension after "ext" if needed, such '
            'as "0300 303 5678 ext 2"; got "0113 496 0000 extn 2"') in result.output


def test_a_colour_name_gets_an_accessible_hex_value(project):
    root = project({PRACTICE: practice_yaml(primary='  primary: purple',
                                            background='  background: "Lavender"')})
    result = build(root)
    assert result.exit_code == 2
    found = re.search(r'colours.primary: expected a colour such as "#005EB8", got the name '
                      r'"purple": write it as a hex value. A purple that white text is readable '
                      r'on is "(#[0-9A-F]{6})"', result.output)
    assert found, result.output
    assert contrast(found.group(1), WHITE) >= 4.5
    assert 'colours.background: expected a colour such as "#E8EDEE", got the name "Lavender"' \
        in result.output
    fixed = (root / PRACTICE).read_text().replace("primary: purple",
                                                  f'primary: "{found.group(1)}"')
    background = re.search(r'readable on is "(#[0-9A-F]{6})"',
                           result.output.split("colours.background")[1]).group(1)
    (root / PRACTICE).write_text(fixed.replace('"Lavender"', f'"{background}"'))
    assert build(root, "--material", "poster").exit_code == 0


def test_smart_quotes_pasted_into_the_name_are_made_plain(project):
    root = project({PRACTICE: practice_yaml(name='name: "St Mary\u2019s \u201cExample\u201d '
                                                 'Surgery"')})
    result = build(root, "--material", "poster")
    assert result.exit_code == 0, result.output
    page = (root / "output/example-surgery/en-GB/poster.html").read_text()
    assert "St Mary&#39;s &#34;Example&#34; Surgery" in page
    assert "\u2019" not in page.split("<main")[0]


def test_opening_hours_are_printed_with_the_contacts_only_when_given(project, tmp_path):
    hours = ('opening_hours:\n  - "Monday to Friday: 8am to 6.30pm"\n'
             '  - "Saturday: 9am to 12 noon"\nphone: "0113 496 0000"')
    root = project({PRACTICE: practice_yaml(phone=hours)})
    result = run(root, "build", "--material", "leaflet", "--material", "privacy-notice",
                 "--material", "poster", "--format", "html", "--format", "pdf")
    assert result.exit_code == 0, result.output
    out = root / "output/example-surgery/en-GB"
    for name in ("leaflet.html", "privacy-notice.html"):
        page = (out / name).read_text()
        contact = page[page.index('<address class="contact">'):]
        contact = contact[:contact.index("</address>")]
        assert ("Opening hours: Monday to Friday: 8am to 6.30pm; Saturday: 9am to 12 noon"
                in contact), name
    with pdfplumber.open(out / "leaflet.pdf") as pdf:
        text = pdf.pages[-1].extract_text()
    assert "Saturday: 9am to 12 noon" in text, "on the back cover, with the contacts"
    # The folded leaflet and the poster have no room for them: in Urdu they run over a page.
    for name in ("leaflet.tri-fold.html", "poster.html"):
        assert "Opening hours" not in (out / name).read_text()
    urdu = build(root, "--material", "leaflet", "--locale", "ur")
    assert urdu.exit_code == 0, urdu.output
    page = (root / "output/example-surgery/ur/leaflet.html").read_text()
    assert "کھلنے کے اوقات:" in page
    (root / PRACTICE).write_text(practice_yaml())
    assert build(root, "--material", "leaflet", "--material", "privacy-notice").exit_code == 0
    for name in ("leaflet.html", "privacy-notice.html"):
        assert "Opening hours" not in (out / name).read_text()


def test_an_indentation_mistake_is_explained_in_plain_words(project):
    text = practice_yaml().replace('  email: "dpo.exampleton@nhs.net"',
                                   ' email: "dpo.exampleton@nhs.net"')
    root = project({PRACTICE: text})
    result = build(root)
    assert result.exit_code == 2
    line = line_of(root, ' email: "dpo.exampleton')
    assert (f"{PRACTICE}:{line}: this is not valid YAML: the indentation is wrong on this line. "
            "A key must start exactly below the other keys at its level, indented with spaces, "
            'not tabs; a list item starts with "- " below its key') in result.output
    assert "did not find expected key" not in result.output


def test_a_list_item_out_of_line_is_explained(project):
    text = practice_yaml().replace('  - "Exampleton"\n', '  Exampleton: town\n')
    root = project({PRACTICE: text})
    result = build(root)
    assert result.exit_code == 2
    assert (f"{PRACTICE}:{line_of(root, 'Exampleton: town')}: this is not valid YAML: the "
            'indentation is wrong on this line. In a list, every item starts with "- "'
            ) in result.output


def test_a_tab_is_named(project):
    root = project({PRACTICE: practice_yaml().replace('  email: "dpo.', '\temail: "dpo.')})
    result = build(root)
    assert result.exit_code == 2
    assert "this is not valid YAML: use spaces, not tabs, to indent" in result.output
