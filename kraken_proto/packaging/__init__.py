"""``kraken-proto package``: the installable artifacts of a release, built from the checked tree.

A build-time subpackage, like :mod:`kraken_proto.generator` (whose checks it runs first): the run-time
helpers never import it, and the CLI only inside its ``package`` command. One module per ecosystem
(:mod:`.python`, :mod:`.npm`, :mod:`.goproxy`, :mod:`.buf_module`), :mod:`.checksums` over the lot, and
:mod:`.build`, which orchestrates them into ``dist/<version>/``.
"""
