"""Liaison: the work of intergovernmental liaison groups and their coordination mechanisms."""

__version__ = "0.1.0"
