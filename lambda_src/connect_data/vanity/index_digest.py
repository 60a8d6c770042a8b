"""SHA-256 of word_index.txt, written by scripts/build_vanity_index.py.

Terraform hashes only the .py files of a function's sources: this module changes whenever the
index does, so a rebuilt index redeploys the function."""

INDEX_SHA256 = "09023eea57d9605e0edd4ef2ea8876f8e0f8e319bb58f8f0655053457ad1bfd5"
