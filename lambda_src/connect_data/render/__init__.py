"""Self-contained HTML pages people open: the timeline picture and the one-page contact view.

Never shipped in a Lambda zip (the packager includes ``common/`` and one capability only).
"""
