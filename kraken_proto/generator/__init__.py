"""Build-time generator: upstream documents in, ``proto/``, ``gen/`` and the other outputs out.

Nothing here is imported by the run-time helpers in :mod:`kraken_proto`; only the ``generate``,
``check``, ``diff``, ``release``, ``fetch``, ``update`` and ``export-sdl`` commands load it.

``generate`` is five stages, run in order by :mod:`.pipeline`, each handing the next its record:

1. :mod:`.source` reads the upstream document (:mod:`.source_config`, :mod:`.reference_text`,
   :mod:`.graphql_schema`);
2. :mod:`.corrections` applies every correction, names included;
3. :mod:`.contract_merge` merges it with the committed contract (:mod:`.committed`, :mod:`.upstream_gaps`,
   :mod:`.numbering`);
4. :mod:`.rendered_tree` renders every output of :mod:`.outputs`'s table as bytes by path;
5. :mod:`.transaction` swaps what changed into place, all or nothing.

The module table of docs/architecture.md places every module of this package in one stage, or marks it
shared support or a command built on the stages (``tests/test_pipeline_stages.py`` keeps the two and
the imports in agreement); it is the one list, so it is not repeated here.
"""
