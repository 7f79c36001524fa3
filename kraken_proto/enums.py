"""Every Kraken enum class, generated from the protos, under its GraphQL name.

``from kraken_proto.enums import AccountStatus``. Each class's ``*_pb2`` module is imported when the class
is first asked for (PEP 562), so ``import kraken_proto.enums`` stays cheap.

This module is the public name, written once by hand; ``generate`` writes the table it reads (each enum's
``*_pb2`` module and proto name, and the names exported) into :mod:`kraken_proto._generated.enums`, a
folder that holds only generated code. The lookup is :mod:`kraken_proto._lazy_enums`' (the generated module
uses the same), so a class is the same object here and there: its ``*_pb2`` module's. Type checkers read
the generated module's ``TYPE_CHECKING`` imports through the star import. The module's own names are the
generated module's (``_typing``, ``_lazy_enums``, ``_MODULES``, ``_ALIASES``), which no enum's Python name
can be (``kraken_proto/generator/naming.py``'s ``PYTHON_MODULE_NAMES``).
"""

import typing as _typing

from . import _lazy_enums
from ._generated.enums import _ALIASES, _MODULES
from ._generated.enums import __all__ as __all__

if _typing.TYPE_CHECKING:
    from ._generated.enums import *  # noqa: F403 (every generated class: the names of its __all__)

__getattr__ = _lazy_enums.module_getattr(globals(), _MODULES, _ALIASES)
__dir__ = _lazy_enums.module_dir(globals(), __all__)
