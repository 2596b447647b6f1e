"""Reading a checker's printed feedback in tests: exactly one line, nothing else."""


def one_line(capsys) -> str:
    """The single line a checker printed (fails if it printed more or less)."""
    out = capsys.readouterr().out
    assert out.count("\n") == 1, out
    return out


def feedback(checker, answer, capsys) -> str:
    """Run a checker and return its single line of output; nothing may go to stderr."""
    assert checker(answer) is None
    out = capsys.readouterr()
    assert out.err == ""
    assert out.out.count("\n") == 1, out.out
    return out.out
