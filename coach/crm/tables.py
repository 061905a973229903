"""The SQL tables behind the store (SQLAlchemy 2.x declarative mapping).

The schema itself is owned by the Alembic migrations in `coach/crm/migrations`;
these classes mirror it so that the store can query it. Lists (emails,
phones, tags, sources) are JSON columns: a contact is read and written whole.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class ContactRow(Base):
    __tablename__ = "contacts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    first_name: Mapped[str] = mapped_column(String(500), default="")
    middle_name: Mapped[str] = mapped_column(String(500), default="")
    last_name: Mapped[str] = mapped_column(String(500), default="")
    company: Mapped[str] = mapped_column(String(500), default="")
    title: Mapped[str] = mapped_column(String(500), default="")
    emails: Mapped[list] = mapped_column(JSON, default=list)
    phones: Mapped[list] = mapped_column(JSON, default=list)
    linkedin_url: Mapped[str] = mapped_column(String(500), default="")
    tags: Mapped[list] = mapped_column(JSON, default=list)
    location: Mapped[str] = mapped_column(String(500), default="")
    how_we_met: Mapped[str] = mapped_column(Text, default="")
    connected_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    birthday: Mapped[str] = mapped_column(String(20), default="")
    sources: Mapped[list] = mapped_column(JSON, default=list)
    field_sources: Mapped[dict] = mapped_column(JSON, default=dict)
    name_key: Mapped[str] = mapped_column(String(1500), default="", index=True)
    company_key: Mapped[str] = mapped_column(String(500), default="", index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())
    # added by revision 0002
    cadence_days: Mapped[int | None] = mapped_column(Integer, nullable=True)
    last_contacted: Mapped[dt.date | None] = mapped_column(Date, nullable=True)

    notes: Mapped[list[NoteRow]] = relationship(
        back_populates="contact", cascade="all, delete-orphan", order_by="NoteRow.id"
    )
    interactions: Mapped[list[InteractionRow]] = relationship(
        back_populates="contact", cascade="all, delete-orphan", order_by="InteractionRow.id"
    )


class SourceKeyRow(Base):
    """An imported row (or an export's own id for a person) and the contact it became: re-importing the
    same row finds the same contact, whatever else changed in the store. Added by revision 0003."""

    __tablename__ = "source_keys"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"), index=True)


class NoteRow(Base):
    __tablename__ = "notes"
    __table_args__ = (UniqueConstraint("contact_id", "text_hash", name="uq_notes_contact_text"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    text_hash: Mapped[str] = mapped_column(String(64))
    date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    source: Mapped[str] = mapped_column(String(40), default="manual")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())

    contact: Mapped[ContactRow] = relationship(back_populates="notes")


class InteractionRow(Base):
    __tablename__ = "interactions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"), index=True)
    date: Mapped[dt.date] = mapped_column(Date)
    channel: Mapped[str] = mapped_column(String(40), default="other")
    direction: Mapped[str] = mapped_column(String(20), default="both")
    summary: Mapped[str] = mapped_column(Text, default="")

    contact: Mapped[ContactRow] = relationship(back_populates="interactions")


class ProfileRow(Base):
    __tablename__ = "profile"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(500), default="")
    headline: Mapped[str] = mapped_column(String(1000), default="")
    goals: Mapped[str] = mapped_column(Text, default="")
    target_companies: Mapped[list] = mapped_column(JSON, default=list)
    target_roles: Mapped[list] = mapped_column(JSON, default=list)


class TagCadenceRow(Base):
    __tablename__ = "tag_cadences"

    tag: Mapped[str] = mapped_column(String(200), primary_key=True)
    days: Mapped[int] = mapped_column(Integer)


class MetaRow(Base):
    __tablename__ = "coach_meta"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[int] = mapped_column(Integer, default=0)


class JobChangeRow(Base):
    """A company or title a newer export changed, with both values (their news). Added by revision 0004."""

    __tablename__ = "job_changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"), index=True)
    date: Mapped[dt.date] = mapped_column(Date)
    source: Mapped[str] = mapped_column(String(40), default="")
    old_company: Mapped[str] = mapped_column(String(500), default="")
    old_title: Mapped[str] = mapped_column(String(500), default="")
    new_company: Mapped[str] = mapped_column(String(500), default="")
    new_title: Mapped[str] = mapped_column(String(500), default="")


class PlanMarkRow(Base):
    """What the user did with a person the weekly plan proposed: sent, snoozed (until) or skipped (reason).
    Added by revision 0004."""

    __tablename__ = "plan_marks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"), index=True)
    action: Mapped[str] = mapped_column(String(20))
    date: Mapped[dt.date] = mapped_column(Date)
    until: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    reason: Mapped[str] = mapped_column(String(40), default="")


class FactRow(Base):
    """A typed fact about a contact (see `coach.crm.facts.kinds.Fact`); schema in migration 0005."""

    __tablename__ = "facts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    phrase: Mapped[str] = mapped_column(Text)
    date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    source: Mapped[str] = mapped_column(String(500), default="")
    company: Mapped[str] = mapped_column(String(500), default="")
    project: Mapped[str] = mapped_column(String(500), default="")
    event: Mapped[str] = mapped_column(String(500), default="")  # migration 0006
    place: Mapped[str] = mapped_column(String(500), default="")
    work: Mapped[str] = mapped_column(String(100), default="")  # migration 0007
    title: Mapped[str] = mapped_column(String(500), default="")
    years: Mapped[str] = mapped_column(String(40), default="")
    past: Mapped[bool] = mapped_column(Boolean, default=False)
    confirmed: Mapped[bool] = mapped_column(Boolean, default=False)
    pinned: Mapped[bool] = mapped_column(Boolean, default=False)
    hidden: Mapped[bool] = mapped_column(Boolean, default=False)
    edited: Mapped[bool] = mapped_column(Boolean, default=False)
    origin: Mapped[str] = mapped_column(String(40), default="")
