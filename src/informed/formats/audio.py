"""A spoken version of a page by espeak-ng: one Ogg Opus file with a chapter per section, and a
transcript with each chapter's start time."""

from __future__ import annotations

import functools
import io
import shutil
import subprocess
import tempfile
import wave
from pathlib import Path

from informed.errors import RenderError
from informed.formats.blocks import Page

#: Words per minute: espeak-ng's default (175) is brisk for health information.
SPEED = 150
#: Silence between two chapters, in seconds.
GAP = 0.8
#: Opus at 16 kbit/s mono: clear synthetic speech at 120 kB a minute (a WAV is 2.6 MB).
BITRATE = 16


def available() -> str | None:
    """None when espeak-ng and opusenc are installed, else what is missing."""
    missing = [name for name, package in (("espeak-ng", "espeak-ng"), ("opusenc", "opus-tools"))
               if shutil.which(name) is None]
    if missing:
        return (f"{' and '.join(missing)} not installed (Debian packages espeak-ng and "
                "opus-tools; run make system-deps)")
    return None


@functools.cache
def voices() -> frozenset[str]:
    """The languages espeak-ng has a voice for, as lower-case tags (en-gb, ur, pa)."""
    done = subprocess.run(["espeak-ng", "--voices"], capture_output=True, timeout=60,
                          check=False)
    lines = done.stdout.decode("utf-8", "replace").splitlines()[1:]
    return frozenset(line.split()[1].lower() for line in lines if len(line.split()) > 1)


def voice_for(lang: str) -> str | None:
    """espeak-ng's voice for a language tag (en-GB, ur, pa-Guru), or None."""
    tag = lang.lower()
    base = tag.split("-")[0]
    for candidate in (tag, base):
        if candidate in voices():
            return candidate
    return None


def chapters(page: Page) -> list[tuple[str, str]]:
    """(title, words to speak) for each section of the page (cut at headings of levels 1 to
    3): its heading, then its text, each block ending as a sentence so that the voice pauses."""
    out: list[tuple[str, str]] = []
    before = ""  # what comes before the first heading (the practice's name) opens chapter 1
    for title, blocks in page.sections(depth=3):
        spoken = [_sentence(title)] if title else []
        spoken.extend(_sentence(b.text) for b in blocks)
        text = " ".join(s for s in spoken if s)
        if not title:
            before = f"{before} {text}".strip()
        elif text:
            out.append((title, f"{before} {text}".strip()))
            before = ""
    if before:
        out.append((page.title or before[:40], before))
    return out


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text[-1] in ".!?:;。۔।" else f"{text}."


def speak(text: str, voice: str) -> bytes:
    """The words as a WAV (mono, 16-bit, espeak-ng's 22050 Hz)."""
    with tempfile.TemporaryDirectory(prefix="informed-audio-") as tmp:
        source, target = Path(tmp) / "text.txt", Path(tmp) / "speech.wav"
        source.write_text(text, encoding="utf-8")
        done = subprocess.run(["espeak-ng", "-v", voice, "-s", str(SPEED), "-b", "1",
                               "-f", str(source), "-w", str(target)],
                              capture_output=True, timeout=600, check=False)
        if done.returncode != 0 or not target.is_file():
            raise RenderError(f"espeak-ng could not speak {voice}: "
                              f"{done.stderr.decode('utf-8', 'replace').strip()}")
        return target.read_bytes()


def duration(wav: bytes) -> float:
    """Seconds of sound in a WAV, from its header."""
    with wave.open(io.BytesIO(wav)) as reader:
        return reader.getnframes() / reader.getframerate()


def _join(parts: list[bytes]) -> tuple[bytes, list[float]]:
    """One WAV of the parts with a short silence between, and where each part starts."""
    sounds = []
    for part in parts:
        with wave.open(io.BytesIO(part)) as reader:
            sounds.append((reader.getparams(), reader.readframes(reader.getnframes())))
    params = sounds[0][0]
    silence = b"\0" * int(GAP * params.framerate) * params.sampwidth
    starts: list[float] = []
    seconds = 0.0
    out = io.BytesIO()
    with wave.open(out, "wb") as writer:
        writer.setparams(params)
        for index, (own, frames) in enumerate(sounds):
            if index:
                writer.writeframes(silence)
                seconds += GAP
            starts.append(seconds)
            writer.writeframes(frames)
            seconds += own.nframes / params.framerate
    return out.getvalue(), starts


def _stamp(seconds: float) -> str:
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{int(hours):02d}:{int(minutes):02d}:{secs:06.3f}"


def render(page: Page, voice: str, title: str, artist: str) -> tuple[bytes, str]:
    """(Ogg Opus with chapter marks, transcript). Each chapter is spoken on its own, so its
    start time is exact."""
    parts = chapters(page)
    if not parts:
        raise RenderError("nothing to speak: the page has no text")
    wav, starts = _join([speak(text, voice) for _title, text in parts])
    comments = [f"LANGUAGE={page.lang}"]
    for number, ((name, _text), start) in enumerate(zip(parts, starts, strict=True), 1):
        comments += [f"CHAPTER{number:03d}={_stamp(start)}", f"CHAPTER{number:03d}NAME={name}"]
    # Complexity 5 of 10: the same size within 1%, in 60% of the time of the default.
    command = ["opusenc", "--quiet", "--speech", "--bitrate", str(BITRATE), "--comp", "5",
               "--title", title, "--artist", artist]
    for comment in comments:
        command += ["--comment", comment]
    done = subprocess.run([*command, "-", "-"], input=wav, capture_output=True, timeout=600,
                          check=False)
    if done.returncode != 0:
        raise RenderError(f"opusenc could not encode the audio: "
                          f"{done.stderr.decode('utf-8', 'replace').strip()}")
    lines = []
    for (name, text), start in zip(parts, starts, strict=True):
        lines += [f"[{_stamp(start)}] {name}", "", text, ""]
    return done.stdout, "\n".join(lines).strip() + "\n"


def blocks_before(html: str, marker: str | None) -> str:
    """The HTML up to ``marker`` (the start of a part not spoken, such as a notice's full
    detail), or all of it."""
    if not marker or marker not in html:
        return html
    cut = html.rfind("<", 0, html.index(marker))
    return html[:cut]

