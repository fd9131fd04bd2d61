"""geomap: maps of alleged arms and supply flows between states, from Arabic news."""

__version__ = "0.1.0"
