"""What differs between the protobuf runtimes this package supports (5.29 through 7.x), in one place.

protobuf 6.31 added ``FieldDescriptor.is_repeated`` and deprecated ``label`` (a warning on every use in
6.x); 7.x removed ``label``. 5.29 has only ``label``. Callers ask :func:`is_repeated` and never care.
"""

from __future__ import annotations

from google.protobuf.descriptor import FieldDescriptor

if hasattr(FieldDescriptor, "is_repeated"):

    def is_repeated(field: FieldDescriptor) -> bool:
        """Whether ``field`` is a repeated (or map) field."""
        return bool(field.is_repeated)

else:  # protobuf 5.29 .. 6.30

    def is_repeated(field: FieldDescriptor) -> bool:
        """Whether ``field`` is a repeated (or map) field."""
        return bool(getattr(field, "label") == FieldDescriptor.LABEL_REPEATED)  # noqa: B009 (protobuf 7 removed the attribute from its stubs)


def unquote_int64_supported() -> bool:
    """Whether this runtime's ``json_format`` has ``unquote_int64_if_possible`` (protobuf 7 added it)."""
    from google.protobuf import json_format

    code = json_format.MessageToDict.__code__
    return "unquote_int64_if_possible" in code.co_varnames[: code.co_argcount + code.co_kwonlyargcount]


def require_unquote_int64() -> None:
    """Refuse ``unquote_int64_if_possible=True`` as protobuf's own ``json_format`` does where it lacks it."""
    if not unquote_int64_supported():
        from google.protobuf import __version__

        raise TypeError(f"unquote_int64_if_possible needs protobuf 7 or newer; this runtime is protobuf {__version__}, whose json_format has no such option")
