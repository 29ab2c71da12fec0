"""Placeholder replaced by the command-line module."""


def main() -> int:
    return 0
