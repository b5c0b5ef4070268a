"""Reading and writing Parquet programme files (private to :mod:`wecb.io`).

The format is in :mod:`wecb.io._parquet`; this module reads the file as
:func:`wecb.io.load` reads any (a regular file, at most ``max_bytes``) and imports
pyarrow and numpy only when a Parquet file is read or written, never with ``import wecb``.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from wecb.errors import LoadError
from wecb.io._plain import structure_programme
from wecb.io._reading import check_size, max_values, read_limited
from wecb.model.programme import Programme

__all__ = ["load_parquet", "programme_parquet"]


def programme_parquet(
    programme: Programme, header: Mapping[str, Any], rest: Mapping[str, Any]
) -> bytes:
    """The Parquet file of ``programme`` (see :mod:`wecb.io._parquet`)."""
    from wecb.io._parquet import parquet_bytes as written  # noqa: PLC0415 -- pyarrow

    return written(programme, header, rest)


def _read(file: Path, max_bytes: int) -> bytes:
    name = str(file)
    try:
        info = os.stat(file)
        if not stat.S_ISREG(info.st_mode):
            raise LoadError("cannot read the file: it is not a regular file", path=name)
        check_size(info.st_size, max_bytes, name)
        with open(file, "rb") as handle:
            data = read_limited(handle, info.st_size, max_bytes)
    except LoadError:
        raise
    except OSError as exc:
        raise LoadError(f"cannot read the file: {exc.strerror or exc}", path=name) from None
    except ValueError as exc:
        raise LoadError(f"cannot read the file: {exc}", path=name) from None
    check_size(len(data), max_bytes, name)
    return data


def load_parquet(
    file: Path, max_bytes: int, header: Callable[[str, str], dict[str, Any]]
) -> Programme:
    """The programme of the Parquet file ``file``; ``header`` reads the metadata's text
    into the programme's plain body (checked as a JSON file's text is)."""
    from wecb.io._convert import converter  # noqa: PLC0415
    from wecb.io._parquet import parquet_body  # noqa: PLC0415 -- pyarrow
    from wecb.io._parquet_rows import attach_rows  # noqa: PLC0415 -- numpy

    name = str(file)
    text, source = parquet_body(_read(file, max_bytes), name, max_values(max_bytes))
    body = header(text, name)
    attach_rows(converter(), body, source, name)
    return structure_programme(body, name, version=2)
