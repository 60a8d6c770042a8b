"""SHA-256 of word_index.txt, written by scripts/build_vanity_index.py.

Terraform hashes only the .py files of a function's sources: this module changes whenever the
index does, so a rebuilt index redeploys the function."""

INDEX_SHA256 = "239676b66a2d3fb9ec76b25a328de71f14ff27a263f1bd180d6b156503f2f0c9"
