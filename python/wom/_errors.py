"""The exceptions of the wom package (raised by its compiled core)."""


class WomError(Exception):
    """A failure while working: a file that cannot be written, a broken
    invariant (what the command-line tool reports with exit code 1)."""


class ScenarioError(WomError, ValueError):
    """Bad input: a scenario key, value, override or file that is not
    allowed. The message is the command-line tool's (exit code 2): it names
    the file, line and key, the value and what is allowed."""
