"""protobuf 7's ``(pb.enumvalue.json).string``: another enum's JSON name, honoured where the runtime honours it.

protobuf 7's ``json_format`` looks the extension up in the default pool on every call, so a module that
declares it (``google.protobuf.json_enumvalue_options_pb2``, or generated code importing it) counts from the
next call on, whenever it was imported. Plans are made once per message type, so whether the extension is
known is part of every plan's key: when it appears, each type is planned again, with the names.

A failed lookup in the pool costs more than a whole small conversion, so it is repeated only after an import
(``sys.modules`` grew): generated code enters the default pool by being imported. A file added to the default
pool by hand, with no import, is seen at the next import. Runtimes whose ``json_format`` ignores the extension
(5.29, 6.x) never look.
"""

from __future__ import annotations

import sys
from typing import Any

from google.protobuf import descriptor_pool

from .._protobuf_compat import custom_enum_json_names_supported

NAME = "pb.enumvalue.json"
SUPPORTED = custom_enum_json_names_supported()
#: [the extension, once found]: read by the codec on every call, before it asks extension().
FOUND: list[Any] = [None]
#: [len(sys.modules) at the last failed look]
_looked: list[int] = [-1]


def extension() -> Any:
    """The ``pb.enumvalue.json`` extension where this runtime honours it and it is known; else None."""
    found = FOUND[0]
    if found is None and SUPPORTED and len(sys.modules) != _looked[0]:
        _looked[0] = len(sys.modules)
        try:
            found = FOUND[0] = descriptor_pool.Default().FindExtensionByName(NAME)
        except KeyError:
            return None
    return found


def names(enum: Any, found: Any) -> dict[int, str]:
    """``(pb.enumvalue.json).string`` per number of ``enum`` (the first wins, as protobuf writes), given the extension."""
    result: dict[int, str] = {}
    if found is None:
        return result
    for value in enum.values:
        options: Any = value.GetOptions()
        if options.HasExtension(found) and options.Extensions[found].HasField("string"):
            result.setdefault(value.number, options.Extensions[found].string)
    return result
