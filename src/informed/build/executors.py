"""Executors: run the jobs' middle stages serially, in a process pool, or on a Dask cluster,
and hand back their outcomes in the order of the jobs."""

from __future__ import annotations

from collections.abc import Iterator

from informed.build.job import Task
from informed.build.pipeline import Context, Outcome, Worker, run_task
from informed.errors import InformedError

#: Below this many documents a pool costs more to start than it saves.
POOL_MINIMUM = 4


def serial(context: Context, tasks: list[Task]) -> Iterator[Outcome]:
    worker = Worker(context)
    for task in tasks:
        yield worker.run(task)


_POOL_CONTEXT: Context | None = None


def _init_pool(context: Context) -> None:
    global _POOL_CONTEXT
    _POOL_CONTEXT = context


def _run_in_pool(task: Task) -> Outcome:
    assert _POOL_CONTEXT is not None
    return run_task(_POOL_CONTEXT, task)


def pool(context: Context, tasks: list[Task], jobs: int) -> Iterator[Outcome]:
    """Worker processes, started from a server that has imported WeasyPrint once."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    method = multiprocessing.get_context("forkserver")
    method.set_forkserver_preload(["informed.build.pipeline", "informed.pdf",
                                   "informed.readability"])
    executor = ProcessPoolExecutor(max_workers=min(jobs, len(tasks)), mp_context=method,
                                   initializer=_init_pool, initargs=(context,))
    try:
        futures = [executor.submit(_run_in_pool, task) for task in tasks]
        for future in futures:
            yield future.result()
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


def dask(context: Context, tasks: list[Task], address: str) -> Iterator[Outcome]:
    """Each job on a Dask cluster; the workers send the files' bytes back to this client."""
    try:
        from distributed import Client
    except ImportError:
        raise InformedError("--dask needs the dask extra: pip install 'informed[dask]'"
                            ) from None
    try:
        client = Client(address, timeout="20s")
    except (OSError, TimeoutError, ValueError) as exc:
        raise InformedError(f"--dask: cannot reach the scheduler at {address}: {exc}") from None
    try:
        shared = client.scatter(context, broadcast=True, hash=False)
        futures = client.map(run_task, [shared] * len(tasks), tasks, pure=False)
        try:
            for future in futures:
                yield future.result()
        finally:
            client.cancel(futures)
    finally:
        client.close()


def run(context: Context, tasks: list[Task], jobs: int, address: str | None
        ) -> Iterator[Outcome]:
    """The outcomes of ``tasks``, in order, from the executor the options choose."""
    if not tasks:
        return iter(())
    if address:
        return dask(context, tasks, address)
    if jobs > 1 and len(tasks) >= POOL_MINIMUM:
        return pool(context, tasks, jobs)
    return serial(context, tasks)
