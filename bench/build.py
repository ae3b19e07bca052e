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
    """Samples the processes below one: the resident memory and the CPU time of each.

    Pool workers are children of multiprocessing's fork server, and their CPU time never
    reaches this process's rusage, so it is read from /proc while they run.
    """

    def __init__(self, pid: int) -> None:
        self.pid, self._stop = pid, threading.Event()
        self.peaks: dict[int, int] = {}
        #: CPU seconds last seen, of processes two levels or more below ``pid``.
        self.cpu: dict[int, float] = {}
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        table = {}
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                    rss = int((entry / "statm").read_text().split()[1])
                except (OSError, IndexError, ValueError):
                    continue
                cpu = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
                table[int(entry.name)] = (int(fields[1]), rss * os.sysconf("SC_PAGE_SIZE"),
                                          cpu)
        depth, level, grew = {self.pid: 0}, 0, True
        while grew:
            level += 1
            more = {pid for pid, (ppid, _, _) in table.items()
                    if depth.get(ppid) == level - 1 and pid not in depth}
            depth.update(dict.fromkeys(more, level))
            grew = bool(more)
        for pid, level in depth.items():
            if pid in table:
                self.peaks[pid] = max(table[pid][1], self.peaks.get(pid, 0))
                if level >= 2:
                    self.cpu[pid] = table[pid][2]

    def _run(self) -> None:
        while not self._stop.wait(0.05):
            self._sample()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def timed(args: list[str], root: Path) -> tuple[float, float, dict]:
    """(wall seconds, CPU seconds of the process and every process below it, peak RSS)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.Popen([*INFORMED, "--project", str(root), *args],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               env={**os.environ, "SOURCE_DATE_EPOCH": "1793491200"})
    peak = Peak(process.pid)
    _, err = process.communicate()
    wall = time.perf_counter() - start
    peak.stop()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if process.returncode not in (0, 1):
        raise SystemExit(f"informed {' '.join(args)} failed:\n{err.decode()}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    cpu += sum(peak.cpu.values())
    main = peak.peaks.pop(process.pid, 0)
    return wall, cpu, {"main": main, "workers": {p: m for p, m in peak.peaks.items()
                                                 if p in peak.cpu}}


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


def help_time(repeat: int = 5) -> tuple[float, float]:
    """The best of ``repeat`` runs of informed --help: (wall seconds, CPU seconds)."""
    best = (float("inf"), float("inf"))
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run([*INFORMED, "--help"], stdout=subprocess.DEVNULL, check=True)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        best = min(best, (wall, cpu))
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
        pool_wall, pool_cpu, peaks = timed(["build", "--jobs", str(args.jobs), "--force"], two)
        docs = 2 * documents
        row(f"--jobs {args.jobs} vs --jobs 1, {docs} documents",
            f"{serial_wall:.1f} s / {pool_wall:.1f} s: {serial_wall / pool_wall:.2f}x (CPU "
            f"{serial_cpu:.0f} s / {pool_cpu:.0f} s)",
            ">= 1.7x on 2 cores", serial_wall / pool_wall >= 1.7)
        workers = sorted(peaks["workers"].values(), reverse=True)[:args.jobs]
        row("peak memory per worker", ", ".join(f"{w / 2**20:.0f} MB" for w in workers)
            + f" (client {peaks['main'] / 2**20:.0f} MB)")
        wall, cpu = help_time()
        row("informed --help", f"{wall:.3f} s wall, {cpu:.3f} s CPU", "< 0.2 s", wall < 0.2)

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
            # Linear: the sizes between lie on the line from the first to the last, within 15%
            # (a build's fixed start-up cost is the line's intercept).
            linear = all(abs(cpu - (first[2] + per * (size - first[0]))) <= 0.15 * cpu
                         for size, _, cpu in growth[1:-1]) if len(growth) > 2 else None
            row("growth in CPU time", f"{per:.1f} s CPU per extra practice", "linear", linear)
            hours = per * 6300 / 3600
            row("England, 6,300 practices (estimate)",
                f"{hours:.0f} core-hours, {hours * 6:.0f} with six languages")

    load = ", ".join(f"{n:.1f}" for n in os.getloadavg())
    print(f"informed build benchmark: {platform.processor() or platform.machine()}, "
          f"{os.cpu_count()} cores, Python {platform.python_version()}; load average after "
          f"the run {load} (wall-clock ratios mean little on a busy machine)")
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    for r in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(r, widths, strict=True)))


if __name__ == "__main__":
    main()
