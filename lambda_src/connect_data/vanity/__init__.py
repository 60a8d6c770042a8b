"""Vanity numbers: spell a caller's number with real words, store the best, speak the top three."""
