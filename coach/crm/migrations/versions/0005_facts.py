"""Facts: typed, dated, sourced things the user knows about a person, which drafts draw on.

Extracted from fields and notes; a fact the user edited, confirmed, pinned or hid is kept across
re-extraction (`origin` is the key it was first extracted with).

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "facts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("contact_id", sa.Integer, sa.ForeignKey("contacts.id", ondelete="CASCADE"), nullable=False),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("phrase", sa.Text, nullable=False),
        sa.Column("date", sa.Date, nullable=True),
        sa.Column("source", sa.String(500), nullable=False, server_default=""),
        sa.Column("company", sa.String(500), nullable=False, server_default=""),
        sa.Column("project", sa.String(500), nullable=False, server_default=""),
        sa.Column("years", sa.String(40), nullable=False, server_default=""),
        sa.Column("past", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("confirmed", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("pinned", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("hidden", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("edited", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("origin", sa.String(40), nullable=False, server_default=""),
    )
    op.create_index("ix_facts_contact_id", "facts", ["contact_id"])


def downgrade() -> None:
    op.drop_index("ix_facts_contact_id", table_name="facts")
    op.drop_table("facts")
