"""Atomic file writes (private to :mod:`wecb.io`): the one writer behind every file wecb
writes (:func:`~wecb.io.files.save`, every ``write_*``, the plots' ``path=`` and
``wecb export -o``).

A file is written whole to a temporary file in its own folder, flushed and synced to disk,
then renamed over the target, so a reader sees the old file or the new one, never a part:

* on Linux the temporary file has no name while it is written (``O_TMPFILE``), so even a
  killed process leaves nothing behind; it gets a short random name (``.wecb-<hex>.tmp``,
  whatever the length of the target's name) just before the rename, and elsewhere from the
  start. Every failure Python can catch (``KeyboardInterrupt`` too) removes it;
* an existing file keeps its permissions (and, where allowed, its owner and group); a new
  one gets what a plain ``open`` would give it: mode 0666 less the umask;
* a symbolic link is followed: its target is replaced and the link kept;
* a target that is not a regular file cannot be replaced: a folder is refused, and a
  device, pipe or socket (``/dev/stdout``, a process substitution) is written in place;
* a read-only file is refused, as a plain ``open`` would refuse it;
* a path that is not text, holds a NUL character, or that the system refuses, and text
  that UTF-8 cannot hold (a lone surrogate), raise a :class:`~wecb.errors.WecbError`
  naming the path: each caller says which class (``LoadError`` for programme files,
  ``ExportError`` for exports); the ``OSError`` is its ``__cause__``.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from collections.abc import Callable
from pathlib import Path
from typing import IO, Final

from wecb.errors import EXCERPT_CHARS, ExportError, WecbError, WecbTypeError, excerpt

__all__ = ["ErrorFactory", "checked_path", "export_error", "quoted", "write_atomic"]

#: Builds the error for the file named by its first argument, for the reason in its second.
ErrorFactory = Callable[[str, str], WecbError]

_TEMPORARY_PREFIX: Final = ".wecb-"
# Longer paths are quoted as an excerpt (a path the system accepts is at most 4096 bytes).
_LONGEST_QUOTED_PATH: Final = 4096
_CHUNK: Final = 1 << 16


def export_error(name: str, reason: str) -> WecbError:
    """The :class:`~wecb.errors.ExportError` for the file ``name``."""
    return ExportError(f"file {quoted(name)}: {reason}")


def quoted(name: str) -> str:
    """``name`` quoted for a message (an excerpt when it is longer than a real path)."""
    return repr(name) if len(name) <= _LONGEST_QUOTED_PATH else excerpt(name)


def write_atomic(path: object, data: str | bytes, *, error: ErrorFactory) -> Path:
    """Write ``data`` (text as UTF-8) to ``path`` atomically (see the module notes); returns
    the path as given. Failures raise ``error(name, reason)``."""
    file = checked_path(path, error)
    name = str(file)
    body = _encoded(data, name, error) if isinstance(data, str) else data
    try:
        found = os.stat(file)
    except FileNotFoundError:
        found = None
    except (OSError, ValueError) as exc:
        raise error(name, f"cannot write the file: {_reason(exc)}") from exc
    if found is not None and stat.S_ISDIR(found.st_mode):
        raise error(name, "cannot write the file: it is a folder; give a file name")
    if found is not None and not stat.S_ISREG(found.st_mode):
        _write_in_place(file, body, name, error)  # a device, pipe or socket
        return file
    target = _resolved(file, name, error)
    if found is not None and not os.access(target, os.W_OK):
        raise error(name, "cannot write the file: it is read-only; make it writable first")
    _replace(target, body, found, name, error)
    return file


def checked_path(path: object, error: ErrorFactory) -> Path:
    """``path`` as a :class:`~pathlib.Path`: text or ``os.PathLike`` text, with no NUL."""
    if not isinstance(path, str | os.PathLike):
        raise WecbTypeError.not_accepted("path", path, "a str or os.PathLike file path")
    text = os.fspath(path)
    if not isinstance(text, str):
        raise WecbTypeError.not_accepted("path", path, "a text path (str), not bytes")
    if "\x00" in text:
        raise error(text, "cannot write the file: a path cannot hold a NUL character")
    return Path(text)


def _encoded(text: str, name: str, error: ErrorFactory) -> bytes:
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as exc:
        before = excerpt(text[max(0, exc.start - EXCERPT_CHARS // 2) : exc.start])
        raise error(
            name,
            f"cannot write {text[exc.start]!r} (character {exc.start:,}, after {before}): a "
            "lone surrogate, which UTF-8 cannot hold; nothing was written",
        ) from None


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc)


def _resolved(file: Path, name: str, error: ErrorFactory) -> Path:
    """The file a symbolic link at ``file`` leads to (``file`` itself otherwise)."""
    if not os.path.islink(file):
        return file
    target = Path(os.path.realpath(file))
    if os.path.islink(target):
        raise error(name, "cannot write the file: its symbolic links form a loop")
    return target


def _write_in_place(file: Path, data: bytes, name: str, error: ErrorFactory) -> None:
    try:
        with open(file, "wb") as handle:
            _write_chunks(handle, data)
    except OSError as exc:
        raise error(name, f"cannot write the file: {_reason(exc)}") from exc


def _write_chunks(handle: IO[bytes], data: bytes) -> None:
    # One seam for tests to break a write half way.
    view = memoryview(data)
    for start in range(0, len(view), _CHUNK):
        handle.write(view[start : start + _CHUNK])


def _replace(
    target: Path, data: bytes, old: os.stat_result | None, name: str, error: ErrorFactory
) -> None:
    directory = target.parent
    unchanged = "; the previous file is unchanged" if old is not None else ""
    try:
        fd, temporary = _open_temporary(directory)
    except OSError as exc:
        raise error(
            name,
            f"cannot create a temporary file in its folder {quoted(str(directory))} (wecb "
            f"writes there, then renames it over the file): {_reason(exc)}{unchanged}",
        ) from exc
    step = "write"
    try:
        with os.fdopen(fd, "wb") as handle:
            if old is not None:
                _copy_mode(handle.fileno(), old)
            _write_chunks(handle, data)
            handle.flush()
            os.fsync(handle.fileno())
            if temporary is None:
                temporary = _name_anonymous(handle.fileno(), directory)
        step = "replace"
        os.replace(temporary, target)
    except BaseException as exc:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        if isinstance(exc, OSError | ValueError):
            raise error(name, f"cannot {step} the file: {_reason(exc)}{unchanged}") from exc
        raise
    _sync_directory(directory)


def _open_temporary(directory: Path) -> tuple[int, Path | None]:
    """A new file in ``directory`` open for writing, and its name (``None`` while it has
    none: Linux's ``O_TMPFILE``). The mode is 0666, less the umask."""
    flags = os.O_WRONLY | getattr(os, "O_CLOEXEC", 0)
    anonymous = getattr(os, "O_TMPFILE", 0)
    if anonymous and os.path.isdir("/proc/self/fd"):
        try:
            return os.open(directory, flags | anonymous, 0o666), None
        except OSError as exc:
            # Not supported by this file system (or kernel): a named temporary instead.
            if exc.errno not in (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL):
                raise
    flags |= os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for attempt in range(3):
        temporary = directory / _temporary_name()
        try:
            return os.open(temporary, flags, 0o666), temporary
        except FileExistsError:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


def _name_anonymous(fd: int, directory: Path) -> Path:
    """Link the nameless file open as ``fd`` into ``directory`` under a temporary name."""
    # A folder descriptor makes os.link call linkat(), which can follow the /proc link.
    folder = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        for attempt in range(3):
            name = _temporary_name()
            try:
                os.link(f"/proc/self/fd/{fd}", name, dst_dir_fd=folder, follow_symlinks=True)
            except FileExistsError:
                if attempt == 2:
                    raise
            else:
                return directory / name
    finally:
        os.close(folder)
    raise AssertionError("unreachable")  # pragma: no cover


def _temporary_name() -> str:
    # Short whatever the target's name, so a name at the length limit can be replaced.
    return f"{_TEMPORARY_PREFIX}{secrets.token_hex(8)}.tmp"


def _copy_mode(fd: int, old: os.stat_result) -> None:
    """The owner, group and permissions of ``old`` on the new file, as far as allowed."""
    if hasattr(os, "fchown"):
        with contextlib.suppress(OSError):
            os.fchown(fd, old.st_uid, old.st_gid)  # before the mode: chown clears set-id bits
    if hasattr(os, "fchmod"):
        os.fchmod(fd, stat.S_IMODE(old.st_mode))


def _sync_directory(directory: Path) -> None:
    # The rename is durable only once the directory entry is synced (POSIX).
    with contextlib.suppress(OSError):
        dir_fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
