"""Typeset: a job's HTML as a tagged PDF, with WeasyPrint imported once per process."""

from __future__ import annotations

from informed.build.job import SOURCE_LOCALE, Job
from informed.errors import PagesOverflow
from informed.project import Project


class Typesetter:
    """Makes PDFs for one build; WeasyPrint and the fonts load on the first PDF only."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self._writer = None

    def pdf(self, job: Job, html: str) -> bytes | str:
        """The PDF's bytes, or, when a translation overflows a fixed layout, the line saying
        why it was not built (the other materials in that language are still made)."""
        if self._writer is None:
            from informed.pdf import PdfWriter  # WeasyPrint is slow to import.

            self._writer = PdfWriter(self.project.allowed_roots)
        base = job.practice.folder or self.project.root
        try:
            return self._writer.render(html, base, job.where, max_pages=job.variant.max_pages,
                                       fit_sizes=job.variant.fit_sizes,
                                       page_multiple=job.variant.page_multiple)
        except PagesOverflow as exc:
            # A translation runs longer than the English that a fixed layout was made for.
            if job.locale == SOURCE_LOCALE:
                raise
            return (f"{exc.what}: not built: the translation needs {exc.needed} pages, but this "
                    f"layout has room for {exc.room}, even in smaller print. Shorten the "
                    "translation, or use the large-print layout"
                    + (f". {exc.overflow}" if exc.overflow else ""))
