"""Every Kraken enum as a native ``enum.StrEnum``, named after the GraphQL enum, valued by the documented strings.

``from kraken_proto.graphql import AccountStatus``: ``AccountStatus.ACTIVE == "ACTIVE"``,
``AccountStatus.ACTIVE.number == 1``, ``AccountStatus.from_number(1)``. Members are named by their string
(``kraken_proto._graphql_enum.MEMBER_NAME_RULE``, docs/python.md).

This module is the classes' public name, written once by hand; ``generate`` writes the classes into
:mod:`kraken_proto._generated.graphql`, a folder that holds only generated code. They are re-exported here
as the same objects, with the same ``__all__`` (imported by name, which mypy and pyright both follow).

Their ``__module__`` stays the generated module's, on purpose: source tools (``inspect.getsource``, pydoc,
IDEs, Sphinx's member docstrings) find a class's source through ``__module__``, and only the generated
module holds it. A member pickles under that module's name; pickles written before the move name
``kraken_proto.graphql`` and load as the same members (tests/test_generated_layout.py).
"""

from ._generated.graphql import *  # noqa: F403 (every generated class: the names of its __all__)
from ._generated.graphql import __all__ as __all__
