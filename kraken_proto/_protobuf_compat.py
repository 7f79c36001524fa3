"""What differs between the protobuf runtimes this package supports (5.29 through 7.x), in one place.

protobuf 6.31 added ``FieldDescriptor.is_repeated`` and deprecated ``label`` (a warning on every use in
6.x); 7.x removed ``label``. 5.29 has only ``label``. Callers ask :func:`is_repeated` and never care.
``json_format``'s options differ too: 7 added ``unquote_int64_if_possible`` and dropped ``float_precision``
(which 6.x warns about), and only 7 honours ``(pb.enumvalue.json).string``.
"""

from __future__ import annotations

import warnings
from typing import Any

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


def float_precision_supported() -> bool:
    """Whether this runtime's ``json_format`` has ``float_precision`` (protobuf 5.29 and 6.x; 7 dropped it)."""
    from google.protobuf import json_format

    code = json_format.MessageToDict.__code__
    return "float_precision" in code.co_varnames[: code.co_argcount + code.co_kwonlyargcount]


def warn_float_precision() -> None:
    """Warn about ``float_precision`` exactly where this runtime's own ``json_format`` does (protobuf 6.x)."""
    from google.protobuf import json_format

    printer: Any = getattr(json_format, "_Printer", None)
    init = getattr(printer, "__init__", None)
    for constant in getattr(getattr(init, "__code__", None), "co_consts", ()):
        if isinstance(constant, str) and constant.startswith("float_precision option is deprecated"):
            warnings.warn(constant, stacklevel=4)
            return


def custom_enum_json_names_supported() -> bool:
    """Whether this runtime's ``json_format`` honours ``(pb.enumvalue.json).string`` (protobuf 7 does; 5.29, 6.x not).

    Read from the module's code (the extension's name among its constants): no version number says it.
    """
    from google.protobuf import json_format

    def mentions(function: Any) -> bool:
        return "pb.enumvalue.json" in getattr(getattr(function, "__code__", None), "co_consts", ())

    members = [member for item in vars(json_format).values() if isinstance(item, type) for member in vars(item).values()]
    return any(mentions(item) for item in [*vars(json_format).values(), *members])
