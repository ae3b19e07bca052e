"""The translator's workflow: .pot templates, language codes, previews and draft builds."""

from __future__ import annotations

from conftest import REPO, run
from informed.i18n.extract import extract_domain
from informed.i18n.locales import DOMAINS
from informed.i18n.templates import is_current, template_path
from informed.project import Project


def test_committed_templates_are_up_to_date():
    """locales/ui.pot and content.pot match the strings today; run informed locale update."""
    project = Project(REPO)
    stale = [domain for domain in DOMAINS
             if not is_current(REPO, domain, extract_domain(project, domain))]
    assert not stale, f"stale templates {stale}: run informed locale update"


def test_update_writes_the_templates_and_says_when_they_change(project):
    root = project()
    assert run(root, "locale", "add", "ro").exit_code == 0
    result = run(root, "locale", "update", "ro")
    assert result.exit_code == 0, result.output
    assert "locales/ui.pot: updated" in result.output
    assert "locales/content.pot: updated" in result.output
    pot = template_path(root, "ui").read_text(encoding="utf-8")
    assert 'msgid "Your GP record: who sees it, and your choices"\nmsgstr ""' in pot
    assert "locales/ui.pot: up to date" in run(root, "locale", "update", "ro").output
    # A new string in a template makes the committed template stale until the next update.
    (root / "templates").mkdir()
    (root / "templates" / "extra.html.j2").write_text("{{ _('A brand new string') }}\n",
                                                      encoding="utf-8")
    assert not is_current(root, "ui", extract_domain(Project(root), "ui"))
    assert "locales/ui.pot: updated" in run(root, "locale", "update", "ro").output
    assert 'msgid "A brand new string"' in template_path(root, "ui").read_text(encoding="utf-8")


def test_a_three_letter_code_is_the_two_letter_locale(project):
    """som is Somali's ISO 639-2 code: it is the so locale, never a second Somali one."""
    root = project()
    result = run(root, "locale", "add", "som")
    assert result.exit_code == 0, result.output
    assert "Created locales/so for Somali (Soomaali):" in result.output
    assert not (root / "locales" / "so-SO").exists()
    again = run(root, "locale", "add", "som")
    assert again.exit_code == 2
    assert "locales/so/LC_MESSAGES/ui.po already exists; to bring it up to date, run: " \
           "informed locale update so" in again.output
    assert (root / "locales" / "so" / "LC_MESSAGES" / "content.po").is_file()
