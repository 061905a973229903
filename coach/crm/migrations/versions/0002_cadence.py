"""Keeping in touch: per-contact and per-tag cadence, last_contacted, a change counter.

`last_contacted` is back-filled from the interactions already logged, so that
upgrading keeps what the user recorded.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("contacts") as batch:
        batch.add_column(sa.Column("cadence_days", sa.Integer, nullable=True))
        batch.add_column(sa.Column("last_contacted", sa.Date, nullable=True))
    op.execute(
        "UPDATE contacts SET last_contacted = "
        "(SELECT MAX(i.date) FROM interactions i WHERE i.contact_id = contacts.id)"
    )
    op.create_table(
        "tag_cadences",
        sa.Column("tag", sa.String(200), primary_key=True),
        sa.Column("days", sa.Integer, nullable=False),
    )
    meta = op.create_table(
        "coach_meta",
        sa.Column("key", sa.String(100), primary_key=True),
        sa.Column("value", sa.Integer, nullable=False, server_default="0"),
    )
    op.bulk_insert(meta, [{"key": "revision", "value": 1}])


def downgrade() -> None:
    op.drop_table("coach_meta")
    op.drop_table("tag_cadences")
    with op.batch_alter_table("contacts") as batch:
        batch.drop_column("last_contacted")
        batch.drop_column("cadence_days")
