"""Build-time generator: upstream documents in, ``proto/`` and ``gen/`` out.

docs/architecture.md walks through the stages below in order, and defines the vocabulary they share.
Nothing here is imported by the run-time helpers in :mod:`kraken_proto`; only the ``generate``,
``check``, ``diff``, ``release``, ``fetch``, ``update`` and ``export-sdl`` commands load it. The steps live in their own modules so that
each can be tested alone:

- :mod:`.model` holds the two shapes data takes: an upstream document, and the contract we publish;
- :mod:`.source_config` reads ``upstream/source.toml``: which document is the source;
- :mod:`.reference_text` parses the upstream enums reference (plain text) into an upstream document;
- :mod:`.graphql_schema` reads GraphQL SDL and introspection results (graphql-core) as sources;
- :mod:`.corrections` is the one transform of an upstream document by the reviewed corrections file;
- :mod:`.prose` turns scraped description lines into readable comments;
- :mod:`.naming` is the naming rule: proto names for any GraphQL name, as buf's lint rules expect them;
- :mod:`.committed` reads the contract already committed under ``proto/`` (the memory of numbers);
- :mod:`.upstream_gaps` says how a source's silences are read (examples, enums a source lacks);
- :mod:`.numbering` merges upstream with that memory into the next contract;
- :mod:`.outputs` is the table of every output (path, renderer) that generate, check and the swap read;
- :mod:`.render` writes the proto files (``options.proto`` from its hand-written source beside it);
  :mod:`.render_python` writes ``kraken_proto/_generated/`` (``kraken_proto.enums`` and ``.graphql`` re-export it);
  :mod:`.ts_index` the TypeScript barrel; :mod:`.golang` runs the Go generation;
  :mod:`.docs_markdown` writes ``docs/generated/enums.md``; :mod:`.vectors` writes the shared test vectors;
- :mod:`.buf` runs the buf CLI; :mod:`.node` links ``node_modules`` for protoc-gen-es;
- :mod:`.pipeline` stages all outputs in a temporary tree and swaps them in only when all succeeded;
- :mod:`.transaction` is the lock, the journal and the swap that interrupted runs cannot break;
- :mod:`.check` is ``check`` (typed :mod:`.problems`); :mod:`.release` is ``release``; :mod:`.golden_table`
  is ``release/contract.tsv``;
- :mod:`.contract_diff` is what changed between two contracts and the version bump it implies;
  :mod:`.diff_report` renders it (text, Markdown, JSON); :mod:`.contract_sources` reads the contracts it
  compares (the last release, a git revision); :mod:`.version_files` reads and writes the version;
- :mod:`.export_sdl` writes the contract back as SDL;
- :mod:`.fetch` is ``fetch`` (the HTTP exchange); :mod:`.introspection` the query it sends, the check and
  the normalised layout of what it writes;
- :mod:`.update` is ``update``: fetch, generate, check and diff in one transaction;
  :mod:`.unneeded_corrections` finds and cuts the corrections a schema made unnecessary;
- :mod:`.identity` reads the publisher's names (``[tool.kraken-proto]`` in ``pyproject.toml``);
- :mod:`.errors` holds the errors that end a run with one clear line.

"""
