"""Plain value classes: what cablelint writes instead of @dataclass.

A @dataclass costs every run that imports it: importing `dataclasses`
(and with it `inspect`) takes ~10 ms, and each decorated class compiles
its generated methods at import (~0.5-1 ms a class). A one-file run has an
~80 ms budget, and a run the result cache answers needs none of it
(tests/test_startup.py holds both to that). So the document model, the
findings, the rules and the other values are classes with `__slots__`
that inherit the rest of what a dataclass gave from here:

- `Record`: `==` and a repr by the fields listed in `__slots__`, pickling,
  and `replace(**changes)` (what `dataclasses.replace` did). A mutable
  record sets `__hash__ = None`, as a mutable dataclass is unhashable.
- `FrozenRecord`: a Record that refuses assignment once made and hashes by
  its fields (a frozen dataclass); its `__init__` assigns with `set_field`.
- `fields_eq`, `fields_repr`: the same `==` and repr for a plain class that
  sets its fields in `__init__` without `__slots__` (Report, Discovery,
  FixOutcome), its `_...` attributes (caches) not fields.

Each class writes its own `__init__`. One built here from `__slots__` was
measured and costs more than it saves: a generic `__init__(self, *args)`
looping over the slots makes a Line or a Span 2-4x slower to create
(0.12 -> 0.5 us; the parser makes them by the thousand a cable), and one
generated per class with `exec`, as dataclasses does, is as fast but
compiles again at every import (~0.14 ms a class, ~4.5 ms for the ~30
classes). Written out, an `__init__` also keeps its signature for type
checkers and readers, a fresh list per default (`[] if x is None else x`),
and a comment per field.
"""
from __future__ import annotations

TYPE_CHECKING = False  # typing's constant without importing typing (~4 ms of a one-file run)
if TYPE_CHECKING:
    from typing import Any

set_field = object.__setattr__  # how a FrozenRecord's __init__ assigns: its own __setattr__ refuses


class Record:
    """Equality, repr, pickling and `replace` by the fields in `__slots__`."""

    __slots__ = ()

    def _values(self) -> tuple:
        return tuple(getattr(self, n) for n in self.__slots__)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()  # type: ignore[attr-defined]

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{n}={getattr(self, n)!r}' for n in self.__slots__)})"

    def __reduce__(self) -> tuple:
        return type(self), self._values()

    def replace(self, **changes: Any) -> Any:
        """A copy with `changes`, made through `__init__` (whose parameters are
        the `__slots__`), as dataclasses.replace did."""
        return type(self)(**{**{n: getattr(self, n) for n in self.__slots__}, **changes})


class FrozenRecord(Record):
    """A Record that cannot change once made, hashed by its fields, as a
    frozen dataclass: `__init__` assigns with `set_field`."""

    __slots__ = ()

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"cannot assign to field {name!r} of a {type(self).__name__}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r} of a {type(self).__name__}")

    def __hash__(self) -> int:
        return hash(self._values())


def fields_eq(self: Any, other: object) -> bool:
    """`==` by the public attributes `__init__` sets, as a dataclass compares
    its fields, for a plain class that sets them in `__init__` (Report,
    Discovery, FixOutcome); an attribute named `_...` (a cache) is no field.
    Assigned as `__eq__`, it makes the class unhashable, as a dataclass is."""
    if other.__class__ is not self.__class__:
        return NotImplemented
    return _fields(self) == _fields(other)


def fields_repr(self: Any) -> str:
    """The repr a dataclass gives: `Name(field=value, ...)` by the public attributes."""
    return f"{type(self).__name__}({', '.join(f'{k}={v!r}' for k, v in _fields(self).items())})"


def _fields(obj: Any) -> dict[str, Any]:
    return {k: v for k, v in vars(obj).items() if not k.startswith("_")}
