"""Rendering: the interactive map, the static figure and their shared style."""
