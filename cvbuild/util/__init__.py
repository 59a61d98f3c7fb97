"""Helpers every stage may use: file reading and atomic writing, the one source-date rule."""
