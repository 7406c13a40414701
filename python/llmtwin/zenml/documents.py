"""The artifact the two steps pass: the book's UserDocument, as a pydantic model.

ZenML stores step outputs with a materializer; pydantic models have a built-in one (JSON), so the
user artifact is readable from the ZenML dashboard and client without llmtwin installed. The
warehouse keeps the book's field names (``_id``); here the id is ``id`` as in the book's model.
"""

from __future__ import annotations

from pydantic import BaseModel


class UserDocument(BaseModel):
    """A user of the warehouse: the book's ``UserDocument`` (id is the UUIDv4 ``_id``)."""

    id: str
    first_name: str
    last_name: str

    @property
    def full_name(self) -> str:
        """The book's "first last" (one name when first and last are the same, as the engine)."""
        if self.first_name == self.last_name:
            return self.first_name
        return f"{self.first_name} {self.last_name}"

    @classmethod
    def from_warehouse(cls, document: dict) -> "UserDocument":
        return cls(id=document["_id"], first_name=document["first_name"], last_name=document["last_name"])

    def to_warehouse(self) -> dict:
        return {"_id": self.id, "first_name": self.first_name, "last_name": self.last_name}
