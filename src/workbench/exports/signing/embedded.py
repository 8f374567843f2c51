"""The files embedded in a PDF (its EmbeddedFiles name tree), read with pyHanko's reader."""

from __future__ import annotations

import io
from typing import Any


def embedded_file_names(pdf: bytes) -> list[str]:
    """Names of the files embedded in a PDF (its EmbeddedFiles name tree)."""
    return [name for name, _ in _embedded_files(pdf)]


def _embedded_files(pdf: bytes) -> list[tuple[str, bytes]]:
    from pyhanko.pdf_utils.reader import PdfFileReader

    reader = PdfFileReader(io.BytesIO(pdf), strict=False)
    return files_of(reader)


def files_of(reader: Any) -> list[tuple[str, bytes]]:
    out: list[tuple[str, bytes]] = []
    root = reader.root
    names = root.get("/Names")
    if names is None:
        return out
    tree = names.get_object().get("/EmbeddedFiles")
    if tree is None:
        return out

    def walk(node: Any, depth: int) -> None:
        node = node.get_object()
        if depth > 16:  # a name tree that deep is malformed, perhaps on purpose
            return
        pairs = node.get("/Names")
        if pairs is not None:
            pairs = pairs.get_object()
            for i in range(0, len(pairs) - 1, 2):
                spec = pairs[i + 1].get_object()
                ef = spec.get("/EF")
                if ef is None:
                    continue
                stream = ef.get_object().get("/F")
                if stream is None:
                    continue
                out.append((str(pairs[i]), stream.get_object().data))
        kids = node.get("/Kids")
        if kids is not None:
            for kid in kids.get_object():
                walk(kid, depth + 1)

    walk(tree, 0)
    return out
