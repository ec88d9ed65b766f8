"""`indicators/_hashing.py`: the one place the package hashes bytes and files."""
from __future__ import annotations

import ast
import hashlib
from pathlib import Path

import indicators
from indicators._hashing import file_hash, sha256

PACKAGE = Path(indicators.__file__).parent


def test_a_file_hashes_to_the_sha256_of_its_bytes_across_read_blocks(tmp_path):
    small = tmp_path / "abc.txt"
    small.write_bytes(b"abc")
    # the FIPS 180-2 test vector for "abc"
    assert file_hash(small) == sha256(b"abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    big = tmp_path / "big.bin"
    big.write_bytes(bytes(range(256)) * 10_000)  # 2.4 MiB: more than two read blocks
    assert file_hash(big) == hashlib.sha256(big.read_bytes()).hexdigest()


def test_no_other_module_hashes_on_its_own():
    # a second copy of the hashing would let a manifest and a cache record one file differently
    importers = sorted(path.relative_to(PACKAGE).as_posix() for path in PACKAGE.rglob("*.py")
                       for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                       if isinstance(node, ast.Import) and any(a.name == "hashlib" for a in node.names)
                       or isinstance(node, ast.ImportFrom) and node.module == "hashlib")
    assert importers == ["_hashing.py"]
