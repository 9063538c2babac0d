"""Domain logic with no Flask request in it."""
