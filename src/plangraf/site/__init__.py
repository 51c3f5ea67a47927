"""The static evidence site (``plangraf site``): a page per node, the source texts with an anchor per line,
indexes, the coordination reports, a search box and the data beside the pages. It works from ``file://``
and any static host, and loads nothing from another host. :mod:`plangraf.site.build` writes it;
:mod:`plangraf.site.paths` holds the one rule from a node's IRI to its page."""
