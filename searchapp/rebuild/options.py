"""What a rebuild is asked to do, in one record passed down instead of a row of parameters."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import KW_ONLY, dataclass
from pathlib import Path

from searchapp.ingest.pipeline import Extraction
from searchapp.ingest.shares import WHOLE
from searchapp.ingest.stages import STAGES, Stage
from searchapp.ingest.workers import PAGE_SECONDS
from searchapp.models import RebuildReport


@dataclass(frozen=True, slots=True)
class RebuildOptions:
    """A rebuild of index_dir from the saved pages under sources.

    incremental: only pages new or changed since the last build are read.
    backend: a SphinxQL cluster URL, "" for the embedded index, None for SEARCHAPP_BACKEND.
    part: (K, N) loads only share K of N of the pages, so that N loaders fill a cluster together.
    workers: processes that read pages, each page under a time and memory limit; 0 reads them
    in this process, without limits (tests, debugging).
    """

    sources: tuple[Path, ...]
    index_dir: Path
    _: KW_ONLY
    workers: int = 0
    incremental: bool = False
    backend: str | None = None
    part: tuple[int, int] = WHOLE
    on_page: Callable[[RebuildReport], None] | None = None  # hears the report after every page
    page_seconds: float = PAGE_SECONDS
    stages: tuple[Stage, ...] = STAGES

    def __post_init__(self) -> None:
        # Callers pass any iterable of paths or strings; the record keeps paths, and stays hashable.
        object.__setattr__(self, "sources", tuple(Path(source) for source in self.sources))
        object.__setattr__(self, "index_dir", Path(self.index_dir))
        object.__setattr__(self, "part", tuple(self.part))
        object.__setattr__(self, "stages", tuple(self.stages))

    @property
    def extraction(self) -> Extraction:
        """How the pipeline reads the pages."""
        return Extraction(workers=self.workers, stages=self.stages, page_seconds=self.page_seconds)
