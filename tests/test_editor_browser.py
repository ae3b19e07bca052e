"""The editor in a real browser: a practice manager fills in a new practice, fixes a colour,
saves, and sees the preview; with axe-core, at 320 px and with the keyboard alone."""

from __future__ import annotations

import re

import pytest

from browser import axe_violations, chromium, sideways_scroll  # noqa: F401  (fixture)
from conftest import run
from editor_server import FILE, SLUG, editing

#: (field id, answer) typed into the form; radios are clicked.
TYPED = {
    "f-name": "Market Street Medical Centre", "f-ods-code": "B82005",
    "f-address": "2 Market Street\nOtherton\nOT1 4AB", "f-phone": "0113 320 0123",
    "f-opening-hours": "Monday to Friday: 8am to 6.30pm", "f-email": "market.street@nhs.net",
    "f-website": "https://www.marketstreet.nhs.uk",
    "f-dpo-name": "Data Protection Officer, Otherton PCN", "f-dpo-email": "dpo.otherton@nhs.net",
    "f-caldicott-guardian-name": "Dr Lee Chen, GP partner",
    "f-policy-type1-opt-out": "Ask at reception for a form.",
    "f-suppliers": "TPP: provides our clinical record system",
}
CLICKED = ("f-policy-research-takes-part-false", "f-policy-shared-care-record-false",
           "f-policy-registries-none", "f-policy-audits-none",
           "f-policy-insurers-handling-report-only", "f-ai-tools-false",
           "f-transfers-abroad-false", "f-automated-decisions-false")


@pytest.fixture
def served(tmp_path):
    assert run(tmp_path, "init", SLUG, "--name", "Market Street Surgery").exit_code == 0
    with editing(tmp_path, SLUG, watching=True) as (port, _preview):
        yield tmp_path, f"http://localhost:{port}/__informed/editor/{SLUG}/"


@pytest.fixture
def page(chromium):  # noqa: F811
    # axe-core is injected as a script, which the editor's own policy forbids.
    context = chromium.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def message(page, field: str):
    return page.locator(f'[data-msg="{field}"]')


def test_a_new_practice_is_filled_in_checked_saved_and_previewed(served, page):
    root, url = served
    page.goto(url)
    for field_id, value in TYPED.items():
        page.fill(f"#{field_id}", value)
    for radio in CLICKED:
        page.check(f"#{radio}")
    page.fill("#f-colours-primary", "purple")
    error = message(page, "colours.primary").locator(".error")
    error.wait_for()
    assert error.inner_text().startswith('expected a colour such as "#005EB8", got the name '
                                         '"purple": write it as a hex value.')
    assert page.get_attribute("#f-colours-primary", "aria-invalid") == "true"
    page.click("text=Use #800080")
    page.wait_for_function("() => !document.querySelector('[data-msg=\"colours.primary\"] p')")
    assert page.input_value("#f-colours-primary") == "#800080"
    assert "passes WCAG AA" in page.inner_text("#f-colours-primary-contrast")
    page.wait_for_function("() => !document.querySelector('[data-msg] .error')")
    page.click("#save")
    page.wait_for_function("() => document.getElementById('save-status').textContent"
                           ".startsWith('Saved at')")
    preview = page.frame_locator("#preview")
    preview.locator("body").get_by_text("Market Street Medical Centre").first.wait_for(
        timeout=90_000)
    assert "Opening hours: Monday to Friday: 8am to 6.30pm" in preview.locator(
        "address.contact").inner_text().replace("\n", " ")
    text = (root / FILE).read_text()
    assert text.startswith("# Your practice's details and choices.")
    assert 'name: "Market Street Medical Centre"' in text
    assert 'ods_code: "B82005"   # your ODS code (NHS Organisation Data Service)' in text
    assert 'primary: "#800080"' in text
    assert "# put your logo (SVG, PNG or JPEG) next to this file" in text


def test_the_editor_has_no_axe_violations_with_errors_shown(served, page):
    _root, url = served
    page.goto(url)
    page.fill("#f-colours-primary", "purple")
    message(page, "colours.primary").locator(".error").wait_for()
    page.check("#f-transfers-abroad-yes")
    assert axe_violations(page) == []


def test_the_editor_does_not_scroll_sideways_at_320_px(served, page):
    _root, url = served
    page.goto(url)
    page.check("#f-policy-shared-care-record-yes")
    assert sideways_scroll(page, 320) == 0


def test_tab_reaches_every_question_and_save_and_enter_saves(served, page):
    """From the top of the page, Tab alone reaches each question and Save; Space answers a
    choice, which shows its own questions, and Enter saves."""
    root, url = served
    page.goto(url)
    reached = []
    for _ in range(120):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("""() => { const el = document.activeElement;
            return el.type === 'radio' ? 'radio:' + el.name : el.id || el.name; }"""))
        if reached[-1] == "radio:policy.shared_care_record":
            page.keyboard.press("Space")  # its first option: "Yes", with questions of its own
        if reached[-1] == "save":
            break
    wanted = page.evaluate("""() => {
        const seen = new Set();
        for (const el of document.querySelectorAll(
                '#practice-form input, #practice-form textarea, #practice-form button')) {
            if (!el.offsetParent) continue;
            seen.add(el.type === 'radio' ? 'radio:' + el.name : el.id || el.name);
        }
        return Array.from(seen);
    }""")
    assert "f-policy-shared-care-record-name" in wanted
    assert reached[0] == "f-name", "the first Tab goes to the first question"
    assert set(wanted) - set(reached) == set()
    assert reached[-1] == "save"
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.getElementById('save-status').textContent"
                           ".startsWith('Saved at')")
    # Its questions are written out, still to answer, below the comment that explains them.
    assert re.search(r"\n  shared_care_record: +# false, or its name.*\n    name:\n    opt_out:\n",
                     (root / FILE).read_text())


def test_an_uploaded_logo_is_checked_and_shown_at_its_printed_size(served, page, tmp_path):
    root, url = served
    unsafe = tmp_path / "unsafe.svg"
    unsafe.write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100">'
                      '<image href="https://tracker.example/x.png"/></svg>')
    logo = tmp_path / "logo.svg"
    logo.write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100"><title>Logo'
                    '</title><rect width="200" height="100" fill="#005EB8"/></svg>')
    page.goto(url)
    page.set_input_files("#f-logo-file", str(unsafe))
    refused = message(page, "logo").locator(".error")
    refused.wait_for()
    assert refused.inner_text() == ('"unsafe.svg" refers to "https://tracker.example/x.png"; a '
                                    "logo must not load other files or web addresses. Embed "
                                    "everything in the SVG")
    page.set_input_files("#f-logo-file", str(logo))
    page.wait_for_function("() => document.getElementById('f-logo').value === 'logo.svg'")
    words = page.inner_text("#logo-print")
    assert words.startswith("Uploaded logo.svg. How it prints: ")
    width_mm = float(words.split("How it prints: ")[1].split(" mm")[0])
    shown = page.eval_on_selector("#logo-print img", "img => img.width")
    assert abs(shown - width_mm * 96 / 25.4) <= 1
    assert (root / "content/practices/market-street/logo.svg").read_text() == logo.read_text()
    assert not (root / "content/practices/market-street/unsafe.svg").exists()
