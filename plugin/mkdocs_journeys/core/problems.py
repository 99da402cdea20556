"""Problems found in journey files, as values that carry their file, line and field."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one file: collected, never raised, so one run reports them all."""

    file: str
    line: int | None
    field: str
    message: str
    hint: str = ""
    severity: Severity = Severity.ERROR
    code: str = "invalid"

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def location(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file

    def format(self) -> str:
        """The one-line form: `file:line: field: message (hint)`."""
        field = f"{self.field}: " if self.field else ""
        hint = f" {self.hint}" if self.hint else ""
        return f"{self.location()}: {field}{self.message}{hint}"

    def to_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "field": self.field,
            "message": self.message,
            "hint": self.hint,
            "severity": self.severity.value,
            "code": self.code,
        }


def field_path(path: tuple[str | int, ...]) -> str:
    """Render a data path the way a YAML author reads it: `stages[2].touchpoints[0].score`."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out
