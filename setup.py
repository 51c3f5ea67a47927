"""Build step: copy the ontology and the bundled dataset into the package, so a wheel works anywhere.

The checkout keeps them at the top level (``ontology/``, ``data/``), where curators edit them;
``plangraf.paths`` reads them there in a checkout or an editable install, and from ``plangraf/bundled/``
in an installed wheel.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
BUNDLED = (("ontology", "*.ttl"), ("data/triples", "**/*.ttl"), ("data", "CONVENTIONS.md"))


class BuildWithData(build_py):
    def run(self) -> None:
        super().run()
        target = Path(self.build_lib) / "plangraf" / "bundled"
        for folder, pattern in BUNDLED:
            for path in sorted((ROOT / folder).glob(pattern)):
                destination = target / path.relative_to(ROOT)
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, destination)


setup(cmdclass={"build_py": BuildWithData})
