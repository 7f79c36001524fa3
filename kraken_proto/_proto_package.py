"""The contract's proto package, written once: ``kraken.enums.v1``, whose files live in ``kraken/enums/v1``.

The run-time helpers and the generator both read it, so it imports nothing (not even protobuf). It is
part of the released wire contract: every full name (``kraken.enums.v1.AccountStatus``), every custom
option (``[kraken.enums.v1.graphql_value]``) and every generated module path hangs off it, so changing
it means a new major version of the contract (a ``v2`` package beside this one), never an edit here.
"""

from __future__ import annotations

from typing import Final

PACKAGE: Final = "kraken.enums.v1"
"""The proto package, also the Python package of the generated modules (``kraken.enums.v1.*_pb2``)."""

PACKAGE_PATH: Final = PACKAGE.replace(".", "/")
"""The package's directory under an include root (``proto/``, ``gen/``, ``gen/ts/``, a wheel's ``_proto/``)."""
