"""Building a fresh index with several processes, one segment (or more) per process.

Whoosh's MpWriter cannot use our in-memory posting pool and forks the calling process,
which is unsafe in a threaded Qt application. Here workers are started with "spawn": each
opens the new index, indexes the batches of documents it receives through a queue with a
`FastSegmentWriter`, and sends back its finished segments; the parent writes the table of
contents that lists them all. Every worker flushes a segment when its pool holds
`_SEGMENT_POSTINGS` postings, which bounds its memory on very large archives.
"""

from __future__ import annotations

import multiprocessing
import pickle
import queue
from collections.abc import Callable, Iterable
from typing import Any

from whoosh import index as whoosh_index

from uzkz_desktop.search import _whoosh as wh

_BATCH = 256  # documents per message to a worker
_SEGMENT_POSTINGS = 6_000_000  # a worker starts a new segment above this
_RESULT_TIMEOUT = 600.0  # seconds a worker may take to finish its segment


def _writer(ix: Any) -> Any:
    return wh.FastSegmentWriter(ix, _lk=False, codec=wh.codec(), compound=False)


def _worker(folder: str, jobs: Any, results: Any) -> None:
    """Index batches of field dicts from `jobs`; put [segments] (or an error) on `results`."""
    try:
        ix = whoosh_index.open_dir(folder)
        writer = _writer(ix)
        segments = []
        while True:
            batch = jobs.get()
            if batch is None:
                break
            for fields in pickle.loads(batch):
                writer.add_document(**fields)
            if writer.pool.postings > _SEGMENT_POSTINGS:
                segments.append(writer._finalize_segment())
                writer = _writer(ix)
        if writer._added:
            segments.append(writer._finalize_segment())
        else:
            writer._close_segment()
        results.put(("ok", segments))
    except BaseException as problem:
        results.put(("error", f"{type(problem).__name__}: {problem}"))


def index_serially(ix: Any, documents: Iterable[dict[str, Any]], step: Callable[[], None]) -> None:
    writer = wh.FastSegmentWriter(ix, codec=wh.codec(), compound=False)
    try:
        for fields in documents:
            writer.add_document(**fields)
            step()
        writer.commit(merge=False)
    except BaseException:
        writer.cancel()
        raise


def index_in_parallel(
    ix: Any, folder: str, documents: Iterable[dict[str, Any]], procs: int, step: Callable[[], None]
) -> None:
    """Index `documents` with `procs` worker processes and commit all their segments."""
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    jobs = [context.Queue(maxsize=4) for _ in range(procs)]
    workers = [
        context.Process(target=_worker, args=(folder, jobs[i], results), daemon=True)
        for i in range(procs)
    ]
    for worker in workers:
        worker.start()
    try:
        batch: list[dict[str, Any]] = []
        turn = 0
        for fields in documents:
            batch.append(fields)
            step()
            if len(batch) >= _BATCH:
                _send(jobs[turn % procs], batch, workers, results)
                turn += 1
                batch = []
        if batch:
            _send(jobs[turn % procs], batch, workers, results)
        for job in jobs:
            _send(job, None, workers, results)
        segments = []
        for _ in workers:
            status, payload = results.get(timeout=_RESULT_TIMEOUT)
            if status != "ok":
                raise RuntimeError(f"an indexing process failed: {payload}")
            segments.extend(payload)
        for worker in workers:
            worker.join(timeout=_RESULT_TIMEOUT)
    except BaseException:
        for worker in workers:
            if worker.is_alive():
                worker.terminate()
        for job in jobs:
            job.cancel_join_thread()  # never block the exit on a dead worker's queue
        raise
    writer = wh.FastSegmentWriter(ix, codec=wh.codec(), compound=False)
    try:
        writer._close_segment()
        writer._commit_toc(segments)
    finally:
        writer._finish()


def _send(job: Any, batch: list[dict[str, Any]] | None, workers: list[Any], results: Any) -> None:
    payload = None if batch is None else pickle.dumps(batch, protocol=pickle.HIGHEST_PROTOCOL)
    while True:
        try:
            job.put(payload, timeout=1.0)
            return
        except queue.Full:
            if not all(worker.is_alive() for worker in workers):
                reason = "it stopped unexpectedly"
                try:
                    status, payload_or_error = results.get(timeout=1.0)
                    if status == "error":
                        reason = payload_or_error
                except queue.Empty:
                    pass
                raise RuntimeError(f"an indexing process failed: {reason}") from None
