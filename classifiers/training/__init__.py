"""Training data for the route classifier: phrase banks, letter templates and the generator.

The examples are written here from scratch (never copied from labelled corpora) so that the
classifier learns how people in general write to a market-regulation bureau.
"""
