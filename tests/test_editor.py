"""The editor in informed serve: saves keep practice.yaml's comments, checks speak as the build
does, and nothing is written without the page's token, from another host, or outside the
project."""

from __future__ import annotations

import json
import struct
import zlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import REPO, run
from editor_server import FILE, SLUG, editing, page_values, post_json, request
from informed.model import plain_quotes

#: A whole practice, as the form sends it; nothing copied from the example.
ANSWERS = {
    "name": "Market Street Surgery", "ods_code": "B82005",
    "address": "2 Market Street\nOtherton\nOT1 4AB", "phone": "0113 320 0123 ext 2",
    "opening_hours": "Monday to Friday: 8am to 6.30pm", "email": "market.street@nhs.net",
    "website": "https://www.marketstreet.nhs.uk", "locales": "en-GB", "review_months": "12",
    "dpo.name": "Data Protection Officer, Otherton PCN", "dpo.email": "dpo.otherton@nhs.net",
    "caldicott_guardian.name": "Dr Lee Chen, GP partner",
    "policy.research.takes_part": "false", "policy.research.invites_patients": "false",
    "policy.shared_care_record": "false", "policy.registries": "none",
    "policy.audits": "yes", "policy.audits:text": "the National Diabetes Audit",
    "policy.insurers.handling": "report-only", "policy.insurers.charges": "true",
    "policy.type1_opt_out": "Ask at reception for a form.",
    "suppliers": "TPP: provides our clinical record system", "ai_tools": "false",
    "transfers_abroad": "false", "automated_decisions": "false",
    "colours.primary": "#005EB8", "colours.background": "#E8F1FA",
}


def new_practice(tmp_path):
    tmp_path.mkdir(exist_ok=True)
    assert run(tmp_path, "init", SLUG, "--name", "Market Street Surgery").exit_code == 0
    return tmp_path


def test_saving_keeps_the_comments_and_order_and_the_build_accepts_it(tmp_path):
    root = new_practice(tmp_path)
    before = (root / FILE).read_text()
    with editing(root, SLUG) as (port, _):
        _page, token, version = page_values(port, SLUG)
        answers = {**ANSWERS, "name": "St Mary\u2019s Surgery"}
        status, saved = post_json(port, SLUG, "save", {"answers": answers, "version": version},
                                  token)
    assert status == 200, saved
    assert saved["saved"] and saved["findings"] == []
    text = (root / FILE).read_text()
    comments = [line.split("#", 1)[1] for line in before.splitlines() if "  # " in line
                or line.startswith("#")]
    for comment in comments:
        assert comment in text
    assert 'ods_code: "B82005"   # your ODS code' in text
    assert 'name: "St Mary\'s Surgery"' in text, "quotes pasted from Word made straight"
    assert 'opening_hours:\n  - "Monday to Friday: 8am to 6.30pm"\nemail:' in text
    keys = [line.split(":")[0] for line in text.splitlines() if line[:1].isalpha()]
    assert keys.index("name") < keys.index("phone") < keys.index("colours") < keys.index(
        "policy") < keys.index("suppliers")
    built = run(root, "build", "--practice", SLUG, "--material", "leaflet", "--format", "html")
    assert built.exit_code == 0, built.output
    leaflet = (root / "output" / SLUG / "en-GB" / "leaflet.html").read_text()
    assert "Opening hours: Monday to Friday: 8am to 6.30pm" in leaflet


def test_inline_checks_use_the_build_s_words(tmp_path):
    root = new_practice(tmp_path)
    bad = {**ANSWERS, "colours.primary": "purple", "phone": "0113 320 0123 extn 2",
           "email": "not an email"}
    with editing(root, SLUG) as (port, _):
        _page, token, version = page_values(port, SLUG)
        status, checked = post_json(port, SLUG, "check", {"answers": bad, "version": version},
                                    token)
        assert status == 200
        assert (root / FILE).read_text().count("not an email") == 0, "a check writes nothing"
        status, _saved = post_json(port, SLUG, "save", {"answers": bad, "version": version},
                                  token)
    assert status == 200
    built = run(root, "build", "--practice", SLUG, "--format", "html")
    assert built.exit_code == 2
    cli = built.output.splitlines()[:-1]
    assert sorted(f["cli"] for f in checked["findings"]) == sorted(cli)
    by_field = {f["field"]: f for f in checked["findings"]}
    assert set(by_field) == {"colours.primary", "phone", "email"}
    assert by_field["colours.primary"]["suggestion"] == "#800080"
    assert by_field["phone"]["message"].startswith('expected a phone number such as "0300 303 '
                                                   '5678": digits and spaces, with an extension')


def test_a_post_without_the_token_or_from_another_site_is_refused(tmp_path):
    root = new_practice(tmp_path)
    before = (root / FILE).read_text()
    payload = {"answers": ANSWERS}
    with editing(root, SLUG) as (port, _):
        _page, token, version = page_values(port, SLUG)
        payload["version"] = version
        # A form on another site can send neither the header nor JSON without asking first.
        status, _body = request(port, "POST", f"/__informed/editor/{SLUG}/save",
                               b"name=Evil+Surgery",
                               {"Content-Type": "application/x-www-form-urlencoded",
                                "Origin": "https://evil.example"})
        assert status == 403
        assert status == post_json(port, SLUG, "save", payload, None)[0]
        status, answer = post_json(port, SLUG, "save", payload, "not-the-token")
        assert status == 403 and "token" in answer["error"]
        status, answer = post_json(port, SLUG, "save", payload, token,
                                   {"Origin": "https://evil.example"})
        assert status == 403 and "another web site" in answer["error"]
    assert (root / FILE).read_text() == before


def test_a_foreign_host_is_refused(tmp_path):
    root = new_practice(tmp_path)
    before = (root / FILE).read_text()
    with editing(root, SLUG) as (port, _):
        _page, token, version = page_values(port, SLUG)
        for method, path in (("GET", f"/__informed/editor/{SLUG}/"),
                             ("POST", f"/__informed/editor/{SLUG}/save")):
            status, body = request(port, method, path,
                                   json.dumps({"answers": ANSWERS, "version": version}).encode()
                                   if method == "POST" else None,
                                   {"Host": "attacker.example", "X-Informed-Token": token,
                                    "Content-Type": "application/json"})
            assert status == 403, path
            assert token.encode() not in body
    assert (root / FILE).read_text() == before


def test_paths_outside_the_project_are_refused(tmp_path):
    root = new_practice(tmp_path / "project")
    outside = tmp_path / "elsewhere"
    (outside / "stolen").mkdir(parents=True)
    (outside / "stolen" / "practice.yaml").write_text("name: x\n")
    (root / "content/practices/linked").symlink_to(outside / "stolen")
    with editing(root, SLUG) as (port, _):
        _page, token, version = page_values(port, SLUG)
        payload = {"answers": ANSWERS, "version": version}
        for slug in ("..%2F..%2Felsewhere%2Fstolen", "../../elsewhere/stolen", "linked",
                     "%2e%2e", "Market-Street"):
            status, _ = post_json(port, slug, "save", payload, token)
            assert status == 404, slug
        for name in ("../logo.svg", "../../elsewhere/logo.svg", "/tmp/logo.svg", "sub/logo.svg",
                     ".logo.svg", "logo.svg\0.png", "..\\logo.svg"):
            status, body = request(port, "POST", f"/__informed/editor/{SLUG}/logo", SVG,
                                   {"X-Informed-Token": token, "X-File-Name": name,
                                    "Content-Type": "application/octet-stream"})
            assert status in (400, 422), name
            assert "plain file name" in json.loads(body)["error"]
    assert (outside / "stolen" / "practice.yaml").read_text() == "name: x\n"
    assert not list(tmp_path.rglob("logo.svg"))


def test_a_save_over_someone_else_s_change_is_refused(tmp_path):
    root = new_practice(tmp_path)
    with editing(root, SLUG) as (port, _):
        _page, token, version = page_values(port, SLUG)
        (root / FILE).write_text((root / FILE).read_text() + "# changed by hand\n")
        status, answer = post_json(port, SLUG, "save", {"answers": ANSWERS, "version": version},
                                   token)
    assert status == 409
    assert "changed by someone else" in answer["error"]
    assert (root / FILE).read_text().endswith("# changed by hand\n")


def test_an_answer_the_build_could_not_read_is_refused_and_nothing_written(tmp_path):
    root = new_practice(tmp_path)
    before = (root / FILE).read_text()
    with editing(root, SLUG) as (port, _):
        _page, token, version = page_values(port, SLUG)
        status, answer = post_json(port, SLUG, "save", {
            "answers": {**ANSWERS, "welcome": "Hello\nthere\x07"}, "version": version}, token)
    assert status == 422
    assert answer["error"].startswith("an answer cannot be saved: practice.yaml:")
    assert "invisible control character (U+0007)" in answer["error"]
    assert (root / FILE).read_text() == before


def test_a_body_too_large_is_refused_unread(tmp_path):
    root = new_practice(tmp_path)
    with editing(root, SLUG) as (port, _):
        _page, token, _version = page_values(port, SLUG)
        status, _ = request(port, "POST", f"/__informed/editor/{SLUG}/save", b"{}",
                            {"X-Informed-Token": token, "Content-Type": "application/json",
                             "Content-Length": "900000000"})
    assert status == 413


SVG = (b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100"><title>Logo</title>'
       b'<rect width="200" height="100" fill="#005EB8"/></svg>')


def png(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))

    rows = b"".join(b"\0" + b"\xff\x00\x00" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2,
                                                             0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def upload(port, token, name, data):
    status, body = request(port, "POST", f"/__informed/editor/{SLUG}/logo", data,
                           {"X-Informed-Token": token, "X-File-Name": name,
                            "Content-Type": "application/octet-stream"})
    return status, json.loads(body)


def test_a_logo_upload_is_checked_as_the_build_checks_it(tmp_path):
    root = new_practice(tmp_path)
    folder = root / FILE.rsplit("/", 1)[0]
    with editing(root, SLUG) as (port, _):
        _page, token, version = page_values(port, SLUG)
        unsafe = SVG.replace(b"<rect", b'<image href="https://tracker.example/x.png"/><rect')
        status, answer = upload(port, token, "logo.svg", unsafe)
        assert status == 422
        assert answer["error"] == ('"logo.svg" refers to "https://tracker.example/x.png"; a logo '
                                   "must not load other files or web addresses. Embed "
                                   "everything in the SVG")
        status, answer = upload(port, token, "logo.png", b"GIF89a not a png")
        assert status == 422 and answer["error"] == '"logo.png" is not a valid PNG image'
        status, answer = upload(port, token, "logo.gif", b"GIF89a")
        assert status == 422
        assert not any(folder.glob("logo.*")), "nothing refused is kept"
        status, answer = upload(port, token, "small.png", png(60, 30))
        assert status == 200
        assert answer["print"]["dpi"] < 150
        assert answer["warnings"][0].startswith("small.png is 60 × 30 pixels, so it prints at ")
        status, answer = upload(port, token, "logo.svg", SVG)
        assert status == 200 and answer["warnings"] == [] and answer["print"]["vector"]
        assert answer["print"]["width_mm"] > answer["print"]["height_mm"]
        assert (folder / "logo.svg").read_bytes() == SVG
        status, saved = post_json(port, SLUG, "save", {
            "answers": {**ANSWERS, "logo": "logo.svg", "logo_alt": "Market Street logo"},
            "version": version}, token)
        assert status == 200 and saved["findings"] == []
        status, shown = request(port, "GET", f"/__informed/editor/{SLUG}/logo")
        assert status == 200 and shown == SVG


BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{n}: &{n} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
    for p, n in zip("abcdefgh", "bcdefghi", strict=True)) + "address: *i\n"


def test_a_file_the_form_cannot_read_is_named_and_left_alone(tmp_path):
    root = new_practice(tmp_path)
    path = root / FILE
    cases = {
        "indentation": path.read_text().replace("  email:\n", " email:\n", 1).encode(),
        "aliases": BOMB.encode(),
        "utf-16": "name: x\n".encode("utf-16-le"),
        "a list": b"- name: x\n",
    }
    with editing(root, SLUG) as (port, _):
        _page, token, _version = page_values(port, SLUG)
        for case, data in cases.items():
            path.write_bytes(data)
            status, body = request(port, "GET", f"/__informed/editor/{SLUG}/")
            page = body.decode()
            assert status == 200, case
            assert "practice.yaml needs fixing first" in page, case
            assert 'id="practice-form"' not in page, case
        path.write_bytes(cases["indentation"])
        status, body = request(port, "GET", f"/__informed/editor/{SLUG}/")
        line = cases["indentation"].decode().splitlines().index(" email:") + 1
        assert (f"{FILE}:{line}: this is not valid YAML: the indentation is wrong on this "
                "line") in body.decode()
        for case, data in cases.items():
            path.write_bytes(data)
            status, answer = post_json(port, SLUG, "save", {"answers": ANSWERS, "version": ""},
                                       token)
            assert status == 409, case
            assert answer["error"].startswith("practice.yaml cannot be updated from the form "
                                              "until it is fixed: "), case
            assert path.read_bytes() == data, case



def test_the_form_fills_an_empty_file_in_the_form_s_order(tmp_path):
    from informed.editor.checking import findings
    from informed.editor.document import updated_text

    text = updated_text("", ANSWERS)
    keys = [line.split(":")[0] for line in text.splitlines() if line[:1].isalpha()]
    assert keys[:7] == ["name", "ods_code", "locales", "review_months", "address", "phone",
                        "opening_hours"]
    assert keys.index("dpo") < keys.index("policy") < keys.index("colours")
    path = tmp_path / FILE
    assert findings(text, path, SLUG, tmp_path) == []
    # A value written where a list belongs is shown in the form, so saving keeps it.
    kept = updated_text('address: "2 Market Street, Otherton"\n', {"address": "2 Market Street, "
                                                                   "Otherton"})
    assert 'address:\n  - "2 Market Street, Otherton"\n' in kept


TEXT_FIELDS = ("name", "phone", "welcome", "dpo.name", "policy.type1_opt_out", "logo_alt",
               "address", "suppliers")


@settings(max_examples=25, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(values=st.lists(st.text(st.characters(blacklist_categories=("Cs",)), max_size=60),
                       min_size=len(TEXT_FIELDS), max_size=len(TEXT_FIELDS)))
def test_any_answer_is_written_so_that_it_reads_back_or_is_refused(values):
    from informed.editor.document import AnswerRefused, current_answers, load, updated_text

    starter = (REPO / "src/informed/starters/practice.yaml").read_text().replace("{name}", "")
    answers = {**ANSWERS, **dict(zip(TEXT_FIELDS, values, strict=True))}
    try:
        text = updated_text(starter, answers)
    except AnswerRefused as exc:
        assert str(exc).startswith("an answer cannot be saved: practice.yaml:"), exc
        return
    back = current_answers(load(text))
    for path, value in zip(TEXT_FIELDS, values, strict=True):
        if path in ("address", "suppliers"):
            continue  # one per line: blank lines and spaces around them are not kept
        expected = plain_quotes(value) if path == "name" else value
        assert back[path] == expected.strip(), path
