"""Hostile content cannot run script, read outside files, reach the network or escape output/."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import REPO, practice_yaml, run
from informed.atomic import write_atomic
from informed.build import output_path
from informed.errors import InformedError, UnsafeResourceError

RESEARCH = (REPO / "content/uses/research.md").read_text(encoding="utf-8")


def with_body(extra: str) -> str:
    return RESEARCH.rstrip("\n") + "\n\n" + extra + "\n"


def body_line(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_raw_html_in_markdown_is_shown_as_text(project):
    text = with_body('<script>alert("x")</script> and <img src=x onerror=alert(1)>')
    root = project({"content/uses/research.md": text})
    result = run(root, "build", "--material", "leaflet", "--format", "html")
    assert result.exit_code == 0, result.output
    from informed.content import load_content
    from informed.markdown_render import render_markdown
    from informed.project import Project

    use = load_content(Project(root)).use("research")
    html = str(render_markdown(use.body))
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;" in html


def test_practice_text_is_escaped(project):
    text = practice_yaml(name='name: "Example <b>Surgery</b> & Co"')
    root = project({"content/practices/example-surgery/practice.yaml": text})
    assert run(root, "build", "--material", "leaflet", "--format", "html").exit_code == 0
    html = (root / "output/example-surgery/en-GB/leaflet.html").read_text(encoding="utf-8")
    assert "Example &lt;b&gt;Surgery&lt;/b&gt; &amp; Co" in html
    assert "<b>Surgery</b>" not in html


@pytest.mark.parametrize("url", ["file:///etc/passwd", "http://169.254.169.254/latest",
                                 "/etc/passwd", "../../../etc/passwd"])
def test_images_outside_the_project_are_refused_naming_the_file(project, url):
    text = with_body(f"![a picture]({url})")
    root = project({"content/uses/research.md": text})
    result = run(root, "build", "--material", "leaflet")
    assert result.exit_code == 2
    line = body_line(text, url)
    assert (f'content/uses/research.md:{line}: image "{url}" is not allowed: images must be '
            "files inside the project, named by a relative path such as images/photo.png"
            ) in result.output
    assert not (root / "output").exists()


def test_script_links_are_refused(project):
    text = with_body("[click](javascript:alert(1))")
    root = project({"content/uses/research.md": text})
    result = run(root, "build", "--material", "leaflet")
    assert result.exit_code == 2
    assert (f'content/uses/research.md:{body_line(text, "javascript")}: link '
            '"javascript:alert(1)" is not allowed: use an https://, mailto: or tel: link'
            ) in result.output


def test_fetcher_refuses_files_outside_the_project_and_the_network(tmp_path):
    from informed.pdf import PdfWriter

    inside = tmp_path / "ok.svg"
    inside.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4">'
                      '<title>ok</title><rect width="4" height="4"/></svg>')
    writer = PdfWriter([tmp_path])
    page = '<html lang="en"><head><title>t</title></head><body><img src="{}" alt="a"></body></html>'
    assert writer.render(page.format("ok.svg"), tmp_path, "test").startswith(b"%PDF")
    with pytest.raises(UnsafeResourceError) as outside:
        writer.render(page.format("file:///etc/passwd"), tmp_path, "test")
    assert outside.value.message == ('test: refused "file:///etc/passwd": this file is outside '
                                     "the project folder")
    with pytest.raises(UnsafeResourceError) as network:
        writer.render(page.format("http://127.0.0.1:9/x.png"), tmp_path, "test")
    assert network.value.message == ('test: refused "http://127.0.0.1:9/x.png": only files '
                                     "inside the project can be used, not web addresses")


def test_template_override_cannot_attach_outside_files(project):
    base = (REPO / "templates/base.html.j2").read_text(encoding="utf-8")
    hostile = base.replace("</head>", '<link rel="attachment" href="file:///etc/passwd"></head>')
    root = project({"templates/base.html.j2": hostile})
    result = run(root, "build", "--material", "leaflet", "--format", "pdf")
    assert result.exit_code == 2
    assert ('example-surgery/en-GB/leaflet: refused "file:///etc/passwd": this file is outside the '
            "project folder") in result.output


@pytest.mark.parametrize("parts", [("..", "x.html"), ("/etc", "x"), ("a", "..", "..", "b")])
def test_output_paths_cannot_escape(tmp_path, parts):
    with pytest.raises(InformedError, match="refusing to write outside the output folder"):
        output_path(tmp_path / "output", *parts)


def test_atomic_write_leaves_the_old_file_when_interrupted(tmp_path, monkeypatch):
    target = tmp_path / "leaflet.pdf"
    write_atomic(target, b"old complete file")

    def broken_replace(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr("informed.atomic.os.replace", broken_replace)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old complete file"
    assert [p.name for p in tmp_path.iterdir()] == ["leaflet.pdf"]


def test_out_option_is_respected_and_slug_is_checked(project, tmp_path: Path):
    root = project()
    out = tmp_path / "elsewhere"
    result = run(root, "build", "--material", "leaflet", "--format", "html", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert (out / "example-surgery/en-GB/leaflet.html").is_file()


def test_fixed_layout_tries_smaller_print_before_refusing(tmp_path, caplog):
    import io

    import pikepdf

    from informed.errors import PagesOverflow
    from informed.pdf import PdfWriter

    words = " ".join(["Your record is private."] * 120)
    page = ('<html lang="en"><head><title>t</title><style>@page { size: A6 } '
            "@media print { html { font-size: 12pt } }</style></head>"
            f"<body><p>{words}</p></body></html>")
    writer = PdfWriter([tmp_path])
    with pytest.raises(PagesOverflow) as refused:
        writer.render(page, tmp_path, "a/poster", max_pages=1)
    assert refused.value.room == 1 and refused.value.needed > 1
    pdf = writer.render(page, tmp_path, "a/poster", max_pages=1, fit_sizes=("9pt", "5pt"))
    with pikepdf.open(io.BytesIO(pdf)) as document:
        assert len(document.pages) == 1
    assert "a/poster: set in 5pt to fit its 1 pages" in caplog.text


@pytest.mark.parametrize("url", ["&#106;avascript:alert(1)", "javascript&colon;alert(1)",
                                 "\x01javascript:alert(1)"])
def test_disguised_script_links_are_dropped(url):
    # A browser decodes character references and drops leading control characters before it
    # reads the scheme, so each of these would run script if the href were kept.
    from informed.markdown_render import render_inline

    assert str(render_inline(f"[click]({url})")) == "<a>click</a>"


def test_disguised_script_links_in_content_are_refused(project):
    text = with_body("[click](&#106;avascript:alert(1))")
    root = project({"content/uses/research.md": text})
    result = run(root, "build", "--material", "leaflet", "--format", "html")
    assert result.exit_code == 2
    assert (f'content/uses/research.md:{body_line(text, "avascript")}: link '
            '"javascript:alert(1)" is not allowed: use an https://, mailto: or tel: link'
            ) in result.output


def test_disguised_parent_folder_images_are_dropped():
    from informed.markdown_render import render_inline

    assert str(render_inline("![a](&#x2e;&#x2e;/secret.png)")) == '<img alt="a" src="">'


@pytest.mark.parametrize("url", ["%2e%2e/%2e%2e/etc/passwd", "..%2Fsecret.png"])
def test_escaped_dot_dot_image_paths_are_refused(project, url):
    root = project({"content/uses/research.md": with_body(f"![a picture]({url})")})
    result = run(root, "build", "--material", "leaflet", "--format", "html")
    assert result.exit_code == 2
    assert f'image "{url}" is not allowed' in result.output
