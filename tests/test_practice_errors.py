"""Bad practice profiles and content give exact, located messages, all at once, with exit 2."""

from __future__ import annotations

from conftest import REPO, practice_yaml, run

PRACTICE = "content/practices/example-surgery/practice.yaml"


def build(root, *args):
    return run(root, "build", "--format", "html", *args)


def test_wrong_colour_names_file_line_and_field(project):
    root = project({PRACTICE: practice_yaml(primary='  primary: "blue-ish"')})
    result = build(root)
    assert result.exit_code == 2
    line = next(i for i, text in enumerate((root / PRACTICE).read_text().splitlines(), 1)
                if "blue-ish" in text)
    assert (f'{PRACTICE}:{line}: colours.primary: expected a colour such as "#005EB8", '
            'got "blue-ish"') in result.output
    assert "Traceback" not in result.output
    assert not (root / "output").exists()


def test_low_contrast_colour_is_refused_with_a_darker_suggestion(project):
    root = project({PRACTICE: practice_yaml(primary='  primary: "#41B6E6"')})
    result = build(root)
    assert result.exit_code == 2
    assert ("colours.primary: #41B6E6 is too light for white text: contrast 2.3:1, WCAG AA "
            "needs 4.5:1. Try the darker shade #") in result.output
    suggestion = result.output.split("Try the darker shade ")[1][:7]
    from informed.colour import contrast

    assert contrast(suggestion, "#FFFFFF") >= 4.5


def test_every_problem_is_reported_not_just_the_first(project):
    root = project({PRACTICE: practice_yaml(
        primary='  primary: "blue-ish"', email='email: "not an email"', phone="phone: [1, 2]",
    )})
    result = build(root)
    assert result.exit_code == 2
    assert 'colours.primary: expected a colour' in result.output
    assert 'email: expected an email address, got "not an email"' in result.output
    assert 'phone: expected text such as "0300 303 5678", got a list' in result.output
    assert result.output.rstrip().endswith("3 problems found.")


def test_wrong_type(project):
    root = project({PRACTICE: practice_yaml(review_months='review_months: "soon"')})
    result = build(root)
    assert 'review_months: expected a whole number, got "soon"' in result.output
    assert result.exit_code == 2


def test_missing_required_field(project):
    text = practice_yaml(ods_code="# no ods code")
    root = project({PRACTICE: text})
    result = build(root)
    assert result.exit_code == 2
    # A missing top-level field is reported at the first line of the YAML.
    first = next(i for i, t in enumerate(text.splitlines(), 1) if t and not t.startswith("#"))
    assert (f'{PRACTICE}:{first}: missing required field "ods_code" (The practice\'s code from '
            "the NHS Organisation Data Service (ODS).)") in result.output


def test_unknown_key_is_a_warning_with_a_suggestion_and_strict_makes_it_fatal(project):
    text = practice_yaml(review_months="review_month: 12")
    root = project({PRACTICE: text})
    line = text.splitlines().index("review_month: 12") + 1
    expected = (f'{PRACTICE}:{line}: warning: unknown field "review_month" '
                '(did you mean "review_months"?)')
    result = build(root, "--material", "leaflet")
    assert result.exit_code == 0, result.output
    assert expected in result.output
    assert result.output.rstrip().endswith("files written, 1 warning.")
    strict = build(root, "--strict")
    assert strict.exit_code == 2
    assert expected in strict.output


def test_nested_unknown_key_names_the_dotted_path(project):
    root = project({PRACTICE: practice_yaml(primary='  primry: "#005EB8"')})
    result = build(root)
    assert 'warning: unknown field "colours.primry" (did you mean "colours.primary"?)' \
        in result.output
    assert 'colours: missing required field "primary"' in result.output


def test_yaml_syntax_error(project):
    root = project({PRACTICE: 'name: "Example Surgery\nods_code: X99999\n'})
    result = build(root)
    assert result.exit_code == 2
    assert f"{PRACTICE}:3: this is not valid YAML: a quote is opened but never closed" \
        in result.output


def test_yaml_bad_indentation(project):
    root = project({PRACTICE: "name: Example\n  ods_code: X99999\n"})
    result = build(root)
    assert result.exit_code == 2
    assert f"{PRACTICE}:2: this is not valid YAML: this line is indented too far" \
        in result.output


def test_duplicate_key(project):
    text = practice_yaml() + 'name: "Again"\n'
    root = project({PRACTICE: text})
    result = build(root)
    assert result.exit_code == 2
    assert f"{PRACTICE}:{len(text.splitlines())}: name: this key is given twice " \
           "(first on line 5); keep one" in result.output


def test_missing_practice_file(project):
    result = build(project(), "--practice", "nowhere-surgery")
    assert result.exit_code == 2
    assert ("content/practices/nowhere-surgery/practice.yaml: file not found; known practices: "
            "example-surgery") in result.output


def test_bad_slug(project):
    result = build(project(), "--practice", "../etc")
    assert result.exit_code == 2
    assert ('--practice: expected an id of lower-case letters, digits and single hyphens, '
            'such as "example-surgery", got "../etc"') in result.output


def test_missing_logo(project):
    root = project({PRACTICE: practice_yaml(logo="logo: missing.svg")})
    result = build(root)
    assert result.exit_code == 2
    line = (root / PRACTICE).read_text().splitlines().index("logo: missing.svg") + 1
    assert f'{PRACTICE}:{line}: logo: file "missing.svg" not found in example-surgery/' \
        in result.output


def test_logo_that_is_not_an_image(project):
    root = project({
        PRACTICE: practice_yaml(logo="logo: logo.png"),
        "content/practices/example-surgery/logo.png": "this is text, not a picture",
    })
    result = build(root)
    assert result.exit_code == 2
    assert 'logo: "logo.png" is not a valid PNG image' in result.output


def test_logo_of_an_unknown_kind(project):
    root = project({
        PRACTICE: practice_yaml(logo="logo: logo.gif"),
        "content/practices/example-surgery/logo.gif": b"GIF89a",
    })
    result = build(root)
    assert 'logo: expected an SVG, PNG or JPEG file, got "logo.gif"' in result.output


def test_svg_logo_that_loads_a_web_address_is_refused(project):
    root = project({
        "content/practices/example-surgery/logo.svg":
            '<svg xmlns="http://www.w3.org/2000/svg"><title>x</title>'
            '<image href="http://169.254.169.254/latest"/></svg>',
    })
    result = build(root)
    assert result.exit_code == 2
    assert ('logo: "logo.svg" refers to "http://169.254.169.254/latest"; a logo must not load '
            "other files or web addresses. Embed everything in the SVG") in result.output


def test_logo_name_with_a_nul_character(project):
    text = practice_yaml(logo='logo: "logo\\0.svg"')
    root = project({PRACTICE: text})
    result = build(root)
    assert result.exit_code == 2
    line = next(i for i, t in enumerate(text.splitlines(), 1) if t.startswith("logo:"))
    assert f'{PRACTICE}:{line}: logo: "logo\\0.svg" is not a file name' in result.output


def test_logo_outside_the_practice_folder(project):
    root = project({PRACTICE: practice_yaml(logo="logo: ../../../../etc/hostname")})
    result = build(root)
    assert result.exit_code == 2
    assert ('logo: "../../../../etc/hostname" is outside the practice folder; put the logo '
            "file next to practice.yaml") in result.output


def test_bad_locale(project):
    root = project({PRACTICE: practice_yaml(locales="locales: [english]")})
    result = build(root)
    assert 'locales: expected a language code such as "en-GB", "pl" or "ur", got "english"' \
        in result.output


def test_broken_content_file_is_named_alongside_practice_errors(project):
    root = project({
        "content/uses/research.md": "---\nid: research\ntitle: Research\nsumary: x\n---\nBody\n",
        PRACTICE: practice_yaml(primary='  primary: "blue-ish"'),
    })
    result = build(root)
    assert result.exit_code == 2
    assert ('content/uses/research.md:4: warning: unknown field "sumary" '
            '(did you mean "summary"?)') in result.output
    assert 'content/uses/research.md:2: missing required field "summary"' in result.output
    assert "colours.primary: expected a colour" in result.output


def test_use_without_front_matter(project):
    root = project({"content/uses/research.md": "Just text\n"})
    result = build(root)
    assert ('content/uses/research.md:1: expected front matter: a first line of "---", then '
            'YAML, then "---", then the Markdown text') in result.output


def test_unknown_source_id(project):
    body = (REPO / "content/uses/research.md").read_text().replace(
        "sources: [", "sources: [no-such-source, ", 1)
    root = project({"content/uses/research.md": body})
    result = build(root)
    assert result.exit_code == 2
    assert 'sources[0]: unknown source "no-such-source"; add it to content/sources.yaml' \
        in result.output


def test_yaml_aliases_are_refused_so_a_small_file_cannot_explode(project):
    laughs = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        laughs.append(f"{level}: &{level} [" + ", ".join([f"*{previous}"] * 9) + "]")
    root = project({PRACTICE: practice_yaml() + "\n".join(laughs) + "\n"})
    result = build(root)
    assert result.exit_code == 2
    assert 'b[0]: YAML aliases ("*name") are not allowed here; write the value out in full' \
        in result.output


def test_locale_option_is_checked(project):
    result = build(project(), "--locale", "../../etc")
    assert result.exit_code == 2
    assert result.output == ('Error: --locale: expected a language code such as "en-GB", "pl" '
                             'or "ur", got "../../etc"\n')


def test_locale_codes_are_read_in_any_case_and_separator(project):
    root = project({PRACTICE: practice_yaml(locales="locales: [en_GB, en-gb]")})
    result = build(root, "--material", "leaflet")
    assert result.exit_code == 0, result.output
    # The leaflet's four layouts (A5, tri-fold, large print, Easy Read) and the index.
    assert result.output.endswith("5 files written.\n")
    html = (root / "output/example-surgery/en-GB/leaflet.html").read_text(encoding="utf-8")
    assert '<html lang="en-GB" dir="ltr">' in html
    result = build(root, "--material", "leaflet", "--locale", "EN_gb")
    assert result.exit_code == 0, result.output
    assert [p.name for p in (root / "output/example-surgery").iterdir() if p.is_dir()] == ["en-GB"]


def test_a_date_that_does_not_exist_names_its_field(project):
    text = (REPO / PRACTICE).read_text(encoding="utf-8").replace("date: 2026-10-01",
                                                                 "date: 2026-02-30", 1)
    root = project({PRACTICE: text})
    result = build(root)
    assert result.exit_code == 2
    line = next(i for i, t in enumerate(text.splitlines(), 1) if "2026-02-30" in t)
    assert (f'{PRACTICE}:{line}: changes[0].date: expected a date such as 2026-01-31, '
            'got "2026-02-30"') in result.output
    assert "unexpected error" not in result.output


def test_a_value_that_does_not_fit_its_yaml_tag_is_an_error_at_its_line(project):
    text = practice_yaml(review_months="review_months: !!int twelve")
    root = project({PRACTICE: text})
    result = build(root)
    assert result.exit_code == 2
    line = next(i for i, t in enumerate(text.splitlines(), 1) if "twelve" in t)
    assert (f'{PRACTICE}:{line}: this is not valid YAML: "twelve" does not fit its tag !!int'
            ) in result.output


def test_review_months_out_of_range_is_refused(project):
    text = practice_yaml(review_months="review_months: 99999999999999")
    root = project({PRACTICE: text})
    result = build(root)
    assert result.exit_code == 2
    line = next(i for i, t in enumerate(text.splitlines(), 1) if t.startswith("review_months"))
    assert (f"{PRACTICE}:{line}: review_months: expected a number of months from 1 to 120, "
            "got 99999999999999") in result.output
    root = project({PRACTICE: practice_yaml(), "informed.yaml": "review_months: 0\n"})
    result = build(root)
    assert result.exit_code == 2
    assert ("informed.yaml:1: review_months: expected a number of months from 1 to 120, got 0"
            in result.output)


def test_review_months_in_informed_yaml_is_the_default(project):
    root = project({PRACTICE: practice_yaml(review_months="# review_months: not set"),
                    "informed.yaml": "review_months: 6\n"})
    result = build(root, "--material", "leaflet", "--date", "2026-01-15")
    assert result.exit_code == 0, result.output
    html = (root / "output/example-surgery/en-GB/leaflet.html").read_text(encoding="utf-8")
    assert "Next review July 2026" in html
