"""The Python modules ``kraken-proto generate`` writes: generated, do not edit (change the generator and run it).

Import them by their public names, ``kraken_proto.enums`` and ``kraken_proto.graphql``: hand-written modules
that re-export these classes as the same objects.
"""
