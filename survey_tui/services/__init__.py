"""The use cases: every rule a coordinator or respondent meets, decided once.

cli/, tui/, plain.py and wizard.py parse input, call one function here and render
what it returns; they do not decide anything themselves. This package imports no
click, Textual or questionary (tests/test_layers.py), so a rule cannot drift into
one interface and be missed by another. docs/architecture.md draws the layers.
"""
