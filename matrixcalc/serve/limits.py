"""What a request may be, checked in the server before any worker sees it.

Every refusal is an ``ApiError`` carrying the HTTP status and the JSON body to answer with, in
the same ``{"status": "error", "message", "part", "column", "length"}`` form as ``--json``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

MAX_INPUT_CHARS = 4_000  # per text field: an honest expression is a few hundred characters
MAX_BODY_BYTES = 128 * 1024  # three fields of 4,000 characters, even written as \uXXXX escapes
DRAIN_BYTES = 16 * 1024 * 1024  # a larger body is read and dropped up to this much, then the connection closes


class ApiError(Exception):
    """A request refused before or after the engine ran: its HTTP status and JSON body."""

    def __init__(self, status_code: int, body: dict, headers: dict[str, str] | None = None) -> None:
        super().__init__(body.get("message", ""))
        self.status_code = status_code
        self.body = body
        self.headers = headers or {}


def error_body(message: str, part: str = "request", column: int | None = None, length: int | None = None) -> dict:
    """The JSON of bad input, shaped as ``matrixcalc ... --json`` prints it."""
    return {"status": "error", "message": message, "part": part, "column": column, "length": length}


@dataclass(frozen=True)
class Field:
    """One field of a request body: its name, type, whether it is required, its default and choices."""

    name: str
    kind: type
    required: bool = False
    default: Any = None
    choices: tuple[str, ...] = ()


DIFF_FIELDS = (
    Field("expression", str, required=True),
    Field("wrt", str, required=True),
    Field("where", str, default=""),
    Field("kind", str, default="auto", choices=("auto", "hessian")),
    Field("layout", str, default="denominator", choices=("denominator", "numerator")),
    Field("steps", bool, default=True),
)
CHECK_FIELDS = (Field("identity", str, required=True), Field("where", str, default=""))


def parse_body(raw: bytes, fields: tuple[Field, ...]) -> dict:
    """The request's fields with their defaults; raises ApiError (400 or 413) for anything else."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ApiError(400, error_body("the body is not UTF-8 text")) from None
    except json.JSONDecodeError as exc:
        raise ApiError(400, error_body(f"the body is not valid JSON: {exc.msg}")) from None
    except RecursionError:
        raise ApiError(400, error_body("the body is not valid JSON: nested too deeply")) from None
    except ValueError:  # a number of more than 4,300 digits
        raise ApiError(400, error_body("the body is not valid JSON: a number is too long")) from None
    if not isinstance(data, dict):
        raise ApiError(400, error_body('the body must be a JSON object, e.g. {"expression": ..., "wrt": ...}'))
    known = {f.name for f in fields}
    unknown = sorted(set(data) - known)
    if unknown:
        raise ApiError(400, error_body(f"unknown field '{unknown[0][:40]}'; the fields are {', '.join(sorted(known))}"))
    return {f.name: _field(data, f) for f in fields}


def _field(data: dict, field: Field) -> Any:
    if field.name not in data or data[field.name] is None:
        if field.required:
            raise ApiError(400, error_body(f"the field '{field.name}' is missing", part=field.name))
        return field.default
    value = data[field.name]
    if type(value) is not field.kind:  # bool is an int: an exact type check keeps true out of a text field
        wanted = "text" if field.kind is str else "true or false"
        raise ApiError(400, error_body(f"the field '{field.name}' must be {wanted}", part=field.name))
    if field.kind is str and len(value) > MAX_INPUT_CHARS:
        raise ApiError(
            413,
            error_body(
                f"the field '{field.name}' is {len(value):,} characters long; the limit is {MAX_INPUT_CHARS:,}",
                part=field.name,
            ),
        )
    if field.kind is str:
        _encodable(field.name, value)
    if field.choices and value not in field.choices:
        raise ApiError(
            400, error_body(f"the field '{field.name}' must be one of {', '.join(field.choices)}", part=field.name)
        )
    return value


def _encodable(name: str, text: str) -> None:
    """JSON's \\uD800-style escapes can smuggle in half a character, which no answer could echo back."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        message = f"the field '{name}' contains half of a UTF-16 surrogate pair"
        raise ApiError(400, error_body(message, part=name, column=exc.start, length=1)) from None
