"""The text entries of wecb's registry (private to :mod:`wecb.units`): every way text
reaches pint, read by wecb first.

pint reads text in many places: the registry called on an expression (``registry()("5
GBP")``, ``parse_expression``, ``registry()[...]``), ``Quantity("5 GBP")``, unit text
(``Quantity(5, "GBP / year")``, ``Unit(...)``, ``parse_units``, ``q.to(...)``,
``registry().GBP``, ``get_dimensionality``, ``convert``, ...), unit names (``get_name``,
``in``) and format specifications. Left to itself it multiplies juxtaposed numbers
(``"1 500 GBP"`` is 500, ``"250 000 GBP"`` is 0), drops symbols (``"5 £"`` is a plain 5),
hangs on huge powers and lets out its tokenizer's, evaluator's and formatter's errors.

Here every one of them goes through wecb's reading: :func:`read_expression` reads an
expression as *one plain number, then unit text* (the number by the digit rules of
``Money.parse``; no grouping, so ``"1 500 GBP"`` and ``"1,500 GBP"`` are refused rather
than guessed), and :func:`units_container` checks unit text
(:func:`~wecb.units._unit_text.check_unit_text`) before pint reads it and the powers
after. Whatever pint still raises becomes a :class:`~wecb.errors.ParseError` (text that
cannot be read) or :class:`~wecb.errors.UnitError` (units that do not fit), quoting the
text through :func:`~wecb.errors.excerpt`. Redefining the registry and pint's float-based
``parse_pattern`` are refused.

:func:`registry_methods` gives the methods ``wecb.units._registry`` builds its registry
class with (``wecb.units._class_entries`` those of its Quantity and Unit classes); nothing
here imports pint at module level.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

from wecb.errors import ParseError, UnitError, WecbError, WecbTypeError, excerpt
from wecb.units._magnitudes import coerce_magnitude
from wecb.units._unit_text import (
    MAX_UNIT_TEXT,
    UnknownUnitError,
    check_powers,
    check_unit_text,
    known_units,
    parser_failures,
)

if TYPE_CHECKING:
    import pint

__all__ = [
    "DimensionMismatchError",
    "read_expression",
    "registry_methods",
    "translated",
    "units_container",
]

# The number an expression starts with, taken broadly (so that "1,500", "1_500" and "1.2.3"
# are refused by the number reader with its message), then the rest.
_EXPRESSION: Final = re.compile(
    r"(?P<number>[-+\u2212]?[0-9.][0-9.,_]*(?:[eE][-+\u2212]?[0-9]+)?)?(?P<rest>.*)", re.DOTALL
)
_QUANTITY_EXAMPLE: Final = "'250000 GBP / family / year'"


class DimensionMismatchError(UnitError):
    """pint's ``DimensionalityError`` in a registry method; a quantity reports its own."""


@contextmanager
def translated(where: str, value: object, error: type[WecbError] = ParseError) -> Iterator[None]:
    """Let wecb's errors through; turn what pint raises into ``error`` (a
    :class:`~wecb.errors.UnitError` for different dimensions) naming ``where`` and quoting
    ``value``."""
    import pint  # noqa: PLC0415 -- the registry exists, so pint is loaded

    try:
        yield
    except WecbError:
        raise
    except pint.errors.DimensionalityError as exc:
        raise DimensionMismatchError(f"{where}: {excerpt(value)}: {exc}") from None
    except parser_failures() as exc:
        reason = excerpt(str(exc)).strip("'\"")
        raise error(
            f"{where}: cannot read {excerpt(value)} ({type(exc).__name__}: {reason})"
        ) from None


def read_expression(
    reg: pint.UnitRegistry[Decimal],
    text: object,
    *,
    where: str,
    needs_number: bool = False,
    case_sensitive: bool | None = None,
) -> Any:
    """``text`` as a quantity of ``reg``: a plain number (``1`` when it is left out, unless
    ``needs_number``), then unit text; refused when it is anything else."""
    if not isinstance(text, str):
        raise WecbTypeError.not_accepted(where, text, f"text such as {_QUANTITY_EXAMPLE}")
    stripped = text.strip()
    if "£" in stripped:
        raise ParseError(
            f"{where}: cannot read {excerpt(text)} as a quantity: write GBP rather than '£' "
            f"(e.g. '5 GBP'); read text such as '£75m/year' with parse_rate"
        )
    match = _EXPRESSION.fullmatch(stripped)
    assert match is not None  # the pattern matches any text
    number, rest = match["number"], match["rest"]
    if number is None and (needs_number or not stripped):
        raise ParseError.not_accepted(
            where, text, f"a number then its units, such as {_QUANTITY_EXAMPLE}"
        )
    units = _units_after(text, number, rest, where)
    try:
        magnitude = Decimal(1) if number is None else coerce_magnitude(number)
    except WecbError as exc:
        raise type(exc)(f"{where}: cannot read {excerpt(text)} as a quantity: {exc}") from None
    if not units:
        return reg.Quantity(magnitude)
    try:
        container = units_container(reg, units, case_sensitive=case_sensitive, where=where)
    except WecbError as exc:
        if units in text:  # the message quotes the part at fault
            raise
        raise type(exc)(f"{where}: cannot read {excerpt(text)} as a quantity: {exc}") from None
    return reg.Quantity(magnitude, container)


def _units_after(text: str, number: str | None, rest: str, where: str) -> str:
    """The unit text after the number of an expression: ``* GBP`` is ``GBP``, ``/ year`` is
    ``1 / year``; digits after a space are a number written in groups, which is refused."""
    if number is None:
        return rest
    units = rest.strip()
    if rest and not (rest[0].isspace() or rest[0] in "*/"):
        raise ParseError.not_accepted(
            where, text, f"a number, a space, then its units, such as {_QUANTITY_EXAMPLE}"
        )
    if units[:1] == "*" and units[:2] != "**":
        units = units[1:].strip()
    elif units[:1] == "/":
        units = "1 " + units
    if re.match(r"\s+[0-9]", rest) and re.match(r"1\s*/", units) is None:
        raise ParseError(
            f"{where}: cannot read {excerpt(text)} as a quantity: digit groups separated by "
            f"spaces are ambiguous (pint would multiply them, reading '1 500' as 1 x 500); "
            f"write the number without spaces, such as '1500 GBP'"
        )
    return units


def units_container(
    reg: pint.UnitRegistry[Decimal],
    text: object,
    as_delta: bool | None = None,
    case_sensitive: bool | None = None,
    *,
    where: str = "unit text",
) -> Any:
    """Unit text as pint's container of unit names and powers (the registry's
    ``parse_units_as_container``): checked by :func:`~wecb.units._unit_text.check_unit_text`,
    read by pint, powers bounded; what was read is kept (pint's containers do not change),
    so unit text is checked once."""
    if not isinstance(text, str):
        check_unit_text(text, where=where)  # the wrong-type error
    return _read_units(reg, text, where, as_delta, case_sensitive)


@functools.lru_cache(maxsize=1024)  # unit text is at most MAX_UNIT_TEXT characters
def _read_units(
    reg: Any, text: str, where: str, as_delta: bool | None, case_sensitive: bool | None
) -> Any:
    checked = check_unit_text(text, where=where, blank=True)
    if not checked.strip():
        return reg.UnitsContainer()
    with translated(where, checked):
        container = _BASES["parse_units_as_container"](reg, checked, as_delta, case_sensitive)
    check_powers(checked, container, where=where, error=ParseError)
    return container


# pint's own methods, kept when the registry class is built (see registry_methods).
_BASES: dict[str, Callable[..., Any]] = {}


def registry_methods(base: Any) -> dict[str, Any]:
    """The methods of wecb's registry class over pint's registry class ``base``."""
    for name in ("parse_units_as_container", "get_name", "get_symbol", "parse_unit_name"):
        _BASES[name] = getattr(base, name)

    def parse_expression(
        self: Any, input_string: object, case_sensitive: bool | None = None, **values: Any
    ) -> Any:
        if values:
            raise UnitError(
                f"registry expression: wecb reads {excerpt(input_string)} as a number then "
                f"units, and substitutes no values ({', '.join(map(excerpt, values))})"
            )
        return read_expression(
            self, input_string, where="registry expression", case_sensitive=case_sensitive
        )

    def __getattr__(self: Any, item: str) -> Any:  # noqa: N807
        if item.startswith("_"):
            try:
                return base.__getattr__(self, item)
            except AttributeError:
                raise UnknownUnitError(
                    f"registry attribute: {excerpt(item)} is not a unit"
                ) from None
        try:
            return self.Unit(item)
        except ParseError as exc:
            raise UnknownUnitError(f"registry attribute: {exc}") from None

    def __contains__(self: Any, item: object) -> bool:  # noqa: N807
        try:
            return isinstance(item, str) and self.Unit(item) is not None
        except WecbError:
            return False

    namespace: dict[str, Any] = {
        "parse_expression": parse_expression,
        "__call__": parse_expression,
        "__getitem__": parse_expression,
        "parse_units_as_container": units_container,
        "__getattr__": __getattr__,
        "__contains__": __contains__,
        "parse_pattern": _refused_pattern,
        "define": _fixed(base.define, "define"),
        "load_definitions": _fixed(base.load_definitions, "load_definitions"),
        "_wecb_fixed": False,
    }
    for name in ("get_name", "get_symbol", "parse_unit_name"):
        namespace[name] = _unit_name(_BASES[name], name)
    for name in ("get_dimensionality", "get_compatible_units", "get_base_units"):
        namespace[name] = _dimension_text(getattr(base, name), name)
    for name in ("get_root_units", "convert", "is_compatible_with", "enable_contexts"):
        namespace[name] = _translating(getattr(base, name), name)
    for name in ("wraps", "check", "pi_theorem"):
        namespace[name] = _text_arguments(getattr(base, name), name)
    return namespace


def _unit_name(method: Callable[..., Any], name: str) -> Callable[..., Any]:
    import pint  # noqa: PLC0415 -- the registry is being built

    def wrapped(self: Any, unit_name: object, *args: Any, **kwargs: Any) -> Any:
        where = f"registry().{name}"
        if not isinstance(unit_name, str):
            raise WecbTypeError.not_accepted(where, unit_name, "a unit name such as 'family'")
        if len(unit_name) > MAX_UNIT_TEXT:
            raise ParseError.not_accepted(where, unit_name, "a unit name such as 'family'")
        with translated(where, unit_name):
            try:
                return method(self, unit_name, *args, **kwargs)
            except pint.errors.UndefinedUnitError as exc:
                raise ParseError(
                    f"unknown unit {excerpt(unit_name)}: {exc}; known units: {known_units()}"
                ) from None

    wrapped.__name__ = wrapped.__qualname__ = name
    return wrapped


def _dimension_text(method: Callable[..., Any], name: str) -> Callable[..., Any]:
    # pint reads these (units or dimensions such as "[currency]") without the registry's
    # unit reader, so the text is checked here.
    def wrapped(self: Any, input_units: object, *args: Any, **kwargs: Any) -> Any:
        where = f"registry().{name}"
        if isinstance(input_units, str):
            check_unit_text(input_units, where=where, blank=True)
        with translated(where, input_units):
            return method(self, input_units, *args, **kwargs)

    wrapped.__name__ = wrapped.__qualname__ = name
    return wrapped


def _translating(method: Callable[..., Any], name: str) -> Callable[..., Any]:
    # Only calls given text are text entries: pint calls these itself with its containers
    # and catches their DimensionalityError (in ==, for one), which must stay pint's.
    def wrapped(self: Any, *args: Any, **kwargs: Any) -> Any:
        if not any(isinstance(arg, str) for arg in args):
            return method(self, *args, **kwargs)
        with translated(f"registry().{name}", args):
            return method(self, *args, **kwargs)

    wrapped.__name__ = wrapped.__qualname__ = name
    return wrapped


def _text_arguments(method: Callable[..., Any], name: str) -> Callable[..., Any]:
    # The decorators and pi_theorem read unit text in their arguments (strings, in lists,
    # tuples and dicts) with pint's parser directly: each string is checked first.
    def wrapped(self: Any, *args: Any, **kwargs: Any) -> Any:
        where = f"registry().{name}"
        pending: list[object] = [*args, *kwargs.values()]
        while pending:
            item = pending.pop()
            if isinstance(item, str):
                check_unit_text(item, where=where, blank=True)
            elif isinstance(item, list | tuple):
                pending.extend(item)
            elif isinstance(item, dict):
                pending.extend(item.values())
        with translated(where, args):
            return method(self, *args, **kwargs)

    wrapped.__name__ = wrapped.__qualname__ = name
    return wrapped


def _fixed(method: Callable[..., Any], name: str) -> Callable[..., Any]:
    def wrapped(self: Any, *args: Any, **kwargs: Any) -> Any:
        if self._wecb_fixed:
            raise UnitError(
                f"registry().{name}: wecb's registry holds wecb's own units only and is "
                f"fixed once built (it is shared by the whole process); known units: "
                f"{known_units()}"
            )
        return method(self, *args, **kwargs)

    wrapped.__name__ = wrapped.__qualname__ = name
    return wrapped


def _refused_pattern(self: Any, text: object, *args: Any, **kwargs: Any) -> Any:
    why = "pint reads the numbers it finds as floats; read each with quantity_from_text"
    raise UnitError(f"registry().parse_pattern: refused for {excerpt(text)}: {why}")
