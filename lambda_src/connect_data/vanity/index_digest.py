"""SHA-256 of word_index.txt, written by scripts/build_vanity_index.py.

Terraform hashes only the .py files of a function's sources: this module changes whenever the
index does, so a rebuilt index redeploys the function."""

INDEX_SHA256 = "50bc5ba4ecd48527dbecdad30e3cc9af7a63defa09a59b26e14a3d0132a0503c"
