"""Build-time generator: upstream documents in, ``proto/`` and ``gen/`` out.

Nothing here is imported by the run-time helpers in :mod:`kraken_proto`; only the ``generate`` and
``check`` commands load it. The steps live in their own modules so that each can be tested alone:

- :mod:`.reference_text` parses the upstream enums reference (plain text);
- :mod:`.corrections` applies the reviewed corrections file to what was parsed;
- :mod:`.prose` turns scraped description lines into readable comments;
- :mod:`.naming` derives proto names the way buf's lint rules expect them;
- :mod:`.committed` reads the contract already committed under ``proto/`` (the memory of numbers);
- :mod:`.numbering` merges upstream with that memory into the next contract;
- :mod:`.render` writes proto files; :mod:`.buf` runs the buf CLI;
- :mod:`.pipeline` stages all outputs in a temporary tree and swaps them in only when all succeeded.
- :mod:`.graphql_schema` reads GraphQL SDL and introspection results (graphql-core) as sources;
- :mod:`.upstream_gaps` says how a source's silences are read (examples, enums a source lacks);
- :mod:`.export_sdl` writes the contract back as SDL; :mod:`.docs_markdown` writes ``docs/enums.md``.
"""
