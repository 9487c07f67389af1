"""The error raised when a source page cannot be read or parsed."""

from __future__ import annotations


class SourceError(Exception):
    """A source file that cannot be loaded, with where and what to do about it."""

    def __init__(
        self,
        message: str,
        *,
        source: str,
        line: int | None = None,
        offset: int | None = None,
        hint: str = "",
    ) -> None:
        super().__init__(message)
        self.message = message
        self.source = source
        self.line = line
        self.offset = offset
        self.hint = hint

    def __str__(self) -> str:
        where = [self.source or "（未命名来源）"]
        if self.line is not None:
            where.append(f"第 {self.line} 行")
        if self.offset is not None:
            where.append(f"字节偏移 {self.offset}")
        text = f"{'：'.join(where)}：{self.message}"
        if self.hint:
            text += f"（{self.hint}）"
        return text
