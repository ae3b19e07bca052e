"""Measure the build against the targets of issue 14, side by side in one run.

Run:  .venv/bin/python bench/build.py [--sizes 1,10,30] [--jobs 2]

Every figure comes from separate `informed` processes on copies of this project (the example
practice, and generated projects of N copies of it), so imports and start-up are counted as a
user meets them. CPU times include the worker processes. Prints one table: what was measured,
the figure, the target and whether it is met.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "content" / "practices" / "example-surgery"
INFORMED = [sys.executable, "-m", "informed.cli"]


#: The example practice's made-up values, replaced as a practice would replace them.
OWN = {"Example Surgery": "Practice {n}", "X99999": "Y{n:05d}", "Exampleton": "Northbridge",
       "exampleton": "northbridge", "01632 960 0": "01234 567 0",
       "example.surgery@nhs.net": "practice{n}@nhs.net",
       "example-surgery.nhs.uk": "practice-{n}.nhs.uk"}


def project(tmp: Path, practices: int) -> Path:
    """A project of ``practices`` practices, each the example practice made its own (the
    built-in content, templates and translations)."""
    root = tmp / f"project-{practices}"
    for number in range(1, practices + 1):
        folder = root / "content" / "practices" / f"practice-{number:03d}"
        shutil.copytree(EXAMPLE, folder)
        text = (folder / "practice.yaml").read_text("utf-8").replace("example: true\n", "")
        for old, new in OWN.items():
            text = text.replace(old, new.format(n=number))
        (folder / "practice.yaml").write_text(text, "utf-8")
    return root


class Peak:
    """Samples the resident memory of a process and its descendants, by process."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peaks, self._stop = pid, {}, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _tree(self) -> dict[int, int]:
        parents = {}
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                    rss = int((entry / "statm").read_text().split()[1])
                except (OSError, IndexError, ValueError):
                    continue
                parents[int(entry.name)] = (int(fields[1]), rss * os.sysconf("SC_PAGE_SIZE"))
        family, grew = {self.pid}, True
        while grew:
            more = {pid for pid, (ppid, _) in parents.items() if ppid in family} - family
            family |= more
            grew = bool(more)
        return {pid: parents[pid][1] for pid in family if pid in parents}

    def _run(self) -> None:
        while not self._stop.wait(0.1):
            for pid, rss in self._tree().items():
                self.peaks[pid] = max(rss, self.peaks.get(pid, 0))

    def stop(self) -> dict[int, int]:
        self._stop.set()
        self._thread.join()
        return self.peaks


def timed(args: list[str], root: Path, sample: bool = False) -> tuple[float, float, dict]:
    """(wall seconds, CPU seconds of the process and its children, peak RSS by process)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.Popen([*INFORMED, "--project", str(root), *args],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               env={**os.environ, "SOURCE_DATE_EPOCH": "1793491200"})
    peak = Peak(process.pid) if sample else None
    _, err = process.communicate()
    wall = time.perf_counter() - start
    peaks = peak.stop() if peak else {}
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if process.returncode not in (0, 1):
        raise SystemExit(f"informed {' '.join(args)} failed:\n{err.decode()}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, {"main": peaks.pop(process.pid, 0), "workers": peaks}


def pdf_pages(folder: Path) -> list[Path]:
    """The built HTML pages that have a PDF made from them."""
    return sorted(p for p in folder.rglob("*.html") if p.name != "index.html"
                  and p.with_suffix(".pdf").is_file())


def plain_weasyprint(folder: Path, base: Path) -> tuple[float, int]:
    """CPU seconds for plain weasyprint.HTML(...).write_pdf() on every built HTML page."""
    pages = pdf_pages(folder)
    code = (
        "import sys, time\nfrom pathlib import Path\nfrom weasyprint import HTML\n"
        "from weasyprint.text.fonts import FontConfiguration\n"
        "fonts = FontConfiguration()\n"
        "start = time.process_time()\n"
        "for name in sys.argv[2:]:\n"
        "    HTML(string=Path(name).read_text('utf-8'), base_url=sys.argv[1])"
        ".write_pdf(font_config=fonts)\n"
        "print(time.process_time() - start)\n")
    done = subprocess.run([sys.executable, "-c", code, base.as_uri() + "/",
                           *map(str, pages)], capture_output=True, text=True, check=True)
    return float(done.stdout.split()[-1]), len(pages)


def typeset_only(folder: Path, root: Path) -> float:
    """CPU seconds for informed's own PDF stage (PdfWriter.render) on the same pages."""
    pages = pdf_pages(folder)
    code = (
        "import sys, time\nfrom pathlib import Path\nfrom informed.pdf import PdfWriter\n"
        "from informed.project import Project\n"
        "project = Project(Path(sys.argv[1]))\n"
        "writer = PdfWriter(project.allowed_roots)\n"
        "start = time.process_time()\n"
        "for name in sys.argv[3:]:\n"
        "    writer.render(Path(name).read_text('utf-8'), Path(sys.argv[2]), name)\n"
        "print(time.process_time() - start)\n")
    base = root / "content" / "practices" / "practice-001"
    done = subprocess.run([sys.executable, "-c", code, str(root), str(base), *map(str, pages)],
                          capture_output=True, text=True, check=True)
    return float(done.stdout.split()[-1])


def help_time(repeat: int = 5) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([*INFORMED, "--help"], stdout=subprocess.DEVNULL, check=True)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,10,30",
                        help="practices in the generated projects (default 1,10,30)")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    args = parser.parse_args()
    sizes = [int(n) for n in args.sizes.split(",")]
    rows: list[tuple[str, str, str, str]] = []

    def row(what: str, figure: str, target: str = "", met: bool | None = None) -> None:
        rows.append((what, figure, target, "" if met is None else ("yes" if met else "NO")))

    with tempfile.TemporaryDirectory(prefix="informed-bench-") as tmp:
        one = project(Path(tmp), 1)
        full_wall, full_cpu, _ = timed(["build", "--jobs", "1", "--force"], one)
        noop_wall, noop_cpu, _ = timed(["build", "--jobs", "1"], one)
        folder = one / "output" / "practice-001"
        documents = len([p for p in folder.rglob("*.html") if p.name != "index.html"])
        row("full build, 1 practice, --jobs 1", f"{full_wall:.1f} s wall, {full_cpu:.1f} s CPU,"
            f" {documents} documents")
        row("no-op rebuild vs full build", f"{noop_wall:.2f} s wall ({noop_cpu:.2f} s CPU): "
            f"{full_wall / noop_wall:.0f}x faster", ">= 30x", full_wall / noop_wall >= 30)
        plain, pages = plain_weasyprint(folder, one / "content/practices/practice-001")
        ours = typeset_only(folder, one)
        row("per PDF: informed's typeset stage vs plain write_pdf",
            f"{ours / pages:.2f} s vs {plain / pages:.2f} s: {ours / plain:.2f}x", "<= 1.05x",
            ours / plain <= 1.05)
        row("per PDF: whole build (render, checks, typeset) vs plain write_pdf",
            f"{full_cpu / pages:.2f} s vs {plain / pages:.2f} s: {full_cpu / plain:.2f}x",
            "<= 1.05x", full_cpu / plain <= 1.05)

        two = project(Path(tmp), 2)
        serial_wall, serial_cpu, _ = timed(["build", "--jobs", "1", "--force"], two)
        pool_wall, pool_cpu, peaks = timed(["build", "--jobs", str(args.jobs), "--force"], two,
                                           sample=True)
        docs = 2 * documents
        row(f"--jobs {args.jobs} vs --jobs 1, {docs} documents",
            f"{serial_wall:.1f} s / {pool_wall:.1f} s: {serial_wall / pool_wall:.2f}x (CPU "
            f"{serial_cpu:.0f} s / {pool_cpu:.0f} s)",
            ">= 1.7x on 2 cores", serial_wall / pool_wall >= 1.7)
        workers = sorted(peaks["workers"].values(), reverse=True)[:args.jobs]
        row("peak memory per worker", ", ".join(f"{w / 2**20:.0f} MB" for w in workers)
            + f" (client {peaks['main'] / 2**20:.0f} MB)")
        cold = help_time()
        row("help", f"informed --help: {cold:.3f} s", "< 0.2 s", cold < 0.2)

        growth = []
        for size in sizes:
            root = one if size == 1 else project(Path(tmp), size)
            wall, cpu, _ = timed(["build", "--jobs", str(args.jobs), "--force"], root)
            growth.append((size, wall, cpu))
            row(f"{size} practices, --jobs {args.jobs}",
                f"{wall:.1f} s wall, {cpu:.1f} s CPU, {cpu / size:.2f} s CPU per practice")
        first, last = growth[0], growth[-1]
        if last[0] > first[0]:
            per = (last[2] - first[2]) / (last[0] - first[0])
            linear = abs(last[2] / last[0] - first[2] / first[0]) <= 0.25 * (first[2] / first[0])
            row("growth", f"{per:.1f} s CPU per extra practice", "linear", linear)
            hours = per * 6300 / 3600
            row("England, 6,300 practices (estimate)",
                f"{hours:.0f} core-hours, {hours * 6:.0f} with six languages")

    print(f"informed build benchmark: {platform.processor() or platform.machine()}, "
          f"{os.cpu_count()} cores, Python {platform.python_version()}")
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    for r in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(r, widths, strict=True)))


if __name__ == "__main__":
    main()
