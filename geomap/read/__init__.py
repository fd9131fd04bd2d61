"""Readers: folders of articles, JSON Lines, HTML, web archives."""
