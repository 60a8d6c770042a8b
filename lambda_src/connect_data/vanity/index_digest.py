"""SHA-256 of word_index.txt, written by scripts/build_vanity_index.py.

Terraform hashes only the .py files of a function's sources: this module changes whenever the
index does, so a rebuilt index redeploys the function."""

INDEX_SHA256 = "321d6b97d54934d723995d354e93ed953e6fe641bad2c9cdf70b538b07a486ba"
