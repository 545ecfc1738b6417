"""Command-line interface: a thin click layer over store, analysis and export."""
