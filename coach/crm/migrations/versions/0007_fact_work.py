"""Facts: the typed work and title of a `their-work` fact (what of theirs the user heard, read or watched: the
podcast 'Filed & Approved', a talk, a post), so a draft can name it from fields.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("facts") as batch:
        batch.add_column(sa.Column("work", sa.String(100), nullable=False, server_default=""))
        batch.add_column(sa.Column("title", sa.String(500), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("facts") as batch:
        batch.drop_column("title")
        batch.drop_column("work")
