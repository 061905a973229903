"""Source keys: which contact each imported row (or export id, such as a vCard UID) became.

Re-importing the same file then finds the same contacts by key, even where two
different people share a name.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "source_keys",
        sa.Column("key", sa.String(200), primary_key=True),
        sa.Column("contact_id", sa.Integer, sa.ForeignKey("contacts.id", ondelete="CASCADE"), nullable=False),
    )
    op.create_index("ix_source_keys_contact_id", "source_keys", ["contact_id"])


def downgrade() -> None:
    op.drop_index("ix_source_keys_contact_id", table_name="source_keys")
    op.drop_table("source_keys")
