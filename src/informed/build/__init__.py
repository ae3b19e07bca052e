"""The build, as stages: plan → render → checks → typeset → write, run by an executor.

``job`` describes what to make; ``plan`` lists the jobs; ``cache`` skips those whose inputs
have not changed; ``pipeline`` runs ``render``, ``checks`` and ``typeset`` for one job in a
worker; ``executors`` run the workers (serial, a process pool, Dask); ``write`` puts the files
in place, with the manifest and index; ``run`` is the client that ties them together.
"""

from __future__ import annotations

from informed.build.checks import Readability
from informed.build.dates import add_months, build_date, inputs_hash, make_meta
from informed.build.job import FORMATS, SOURCE_LOCALE, BuildOptions, BuildResult, Job, Meta
from informed.build.plan import load_inputs, plan, plan_studies, study_materials
from informed.build.render import data_uri, fallback_report, render_html
from informed.build.run import run_build
from informed.build.write import build_scope, output_path

__all__ = ["FORMATS", "SOURCE_LOCALE", "BuildOptions", "BuildResult", "Job", "Meta",
           "Readability", "add_months", "build_date", "build_scope", "data_uri",
           "fallback_report", "inputs_hash", "load_inputs", "make_meta", "output_path", "plan",
           "plan_studies", "render_html", "run_build", "study_materials"]
