"""Facts: the typed event and place of a meeting, so a draft can say it cleanly when the note's own words
are shorthand ("## 2024-04-11 Midwest Sociological Society — Q&A after her talk").

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("facts") as batch:
        batch.add_column(sa.Column("event", sa.String(500), nullable=False, server_default=""))
        batch.add_column(sa.Column("place", sa.String(500), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("facts") as batch:
        batch.drop_column("place")
        batch.drop_column("event")
