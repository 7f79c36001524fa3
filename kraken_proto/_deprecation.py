"""Old public names that keep working until kraken-proto 1.0, each use warning with the name to use instead.

``deprecated`` marks them both ways: at run time every use emits a ``DeprecationWarning`` pointing at the
caller's line, and type checkers (PEP 702) flag the use statically. The run-time half is written here
rather than taken from ``typing_extensions`` or Python 3.13's ``warnings``, so that the package needs
neither; type checkers read the standard decorator.
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

_F = TypeVar("_F", bound=Callable[..., Any])

if TYPE_CHECKING:
    from typing_extensions import deprecated
else:

    def deprecated(message: str) -> Callable[[_F], _F]:
        def decorate(function: _F) -> _F:
            @functools.wraps(function)
            def warn_and_call(*args: Any, **kwargs: Any) -> Any:
                warnings.warn(message, DeprecationWarning, stacklevel=2)
                return function(*args, **kwargs)

            return warn_and_call  # type: ignore[return-value]

        return decorate


__all__ = ["deprecated"]
