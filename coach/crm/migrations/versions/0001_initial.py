"""Contacts, notes, interactions and the user's profile.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "contacts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("first_name", sa.String(500), nullable=False, server_default=""),
        sa.Column("middle_name", sa.String(500), nullable=False, server_default=""),
        sa.Column("last_name", sa.String(500), nullable=False, server_default=""),
        sa.Column("company", sa.String(500), nullable=False, server_default=""),
        sa.Column("title", sa.String(500), nullable=False, server_default=""),
        sa.Column("emails", sa.JSON, nullable=False),
        sa.Column("phones", sa.JSON, nullable=False),
        sa.Column("linkedin_url", sa.String(500), nullable=False, server_default=""),
        sa.Column("tags", sa.JSON, nullable=False),
        sa.Column("location", sa.String(500), nullable=False, server_default=""),
        sa.Column("how_we_met", sa.Text, nullable=False, server_default=""),
        sa.Column("connected_on", sa.Date, nullable=True),
        sa.Column("birthday", sa.String(20), nullable=False, server_default=""),
        sa.Column("sources", sa.JSON, nullable=False),
        sa.Column("field_sources", sa.JSON, nullable=False),
        sa.Column("name_key", sa.String(1500), nullable=False, server_default=""),
        sa.Column("company_key", sa.String(500), nullable=False, server_default=""),
        sa.Column("created_at", sa.DateTime, nullable=False, server_default=sa.func.now()),
        sa.Column("updated_at", sa.DateTime, nullable=False, server_default=sa.func.now()),
    )
    op.create_index("ix_contacts_name_key", "contacts", ["name_key"])
    op.create_index("ix_contacts_company_key", "contacts", ["company_key"])
    op.create_table(
        "notes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("contact_id", sa.Integer, sa.ForeignKey("contacts.id", ondelete="CASCADE"), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("text_hash", sa.String(64), nullable=False),
        sa.Column("date", sa.Date, nullable=True),
        sa.Column("source", sa.String(40), nullable=False, server_default="manual"),
        sa.Column("created_at", sa.DateTime, nullable=False, server_default=sa.func.now()),
        sa.UniqueConstraint("contact_id", "text_hash", name="uq_notes_contact_text"),
    )
    op.create_index("ix_notes_contact_id", "notes", ["contact_id"])
    op.create_table(
        "interactions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("contact_id", sa.Integer, sa.ForeignKey("contacts.id", ondelete="CASCADE"), nullable=False),
        sa.Column("date", sa.Date, nullable=False),
        sa.Column("channel", sa.String(40), nullable=False, server_default="other"),
        sa.Column("direction", sa.String(20), nullable=False, server_default="both"),
        sa.Column("summary", sa.Text, nullable=False, server_default=""),
    )
    op.create_index("ix_interactions_contact_id", "interactions", ["contact_id"])
    op.create_table(
        "profile",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(500), nullable=False, server_default=""),
        sa.Column("headline", sa.String(1000), nullable=False, server_default=""),
        sa.Column("goals", sa.Text, nullable=False, server_default=""),
        sa.Column("target_companies", sa.JSON, nullable=False),
        sa.Column("target_roles", sa.JSON, nullable=False),
    )


def downgrade() -> None:
    for table in ("profile", "interactions", "notes", "contacts"):
        op.drop_table(table)
