"""The weekly plan: job changes seen on re-import, and what the user did with each person in a plan.

`job_changes` keeps both values of a company or title that a newer export changed (their news);
`plan_marks` keeps sent / snoozed / skipped, so the plan survives restarts.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "job_changes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("contact_id", sa.Integer, sa.ForeignKey("contacts.id", ondelete="CASCADE"), nullable=False),
        sa.Column("date", sa.Date, nullable=False),
        sa.Column("source", sa.String(40), nullable=False, server_default=""),
        sa.Column("old_company", sa.String(500), nullable=False, server_default=""),
        sa.Column("old_title", sa.String(500), nullable=False, server_default=""),
        sa.Column("new_company", sa.String(500), nullable=False, server_default=""),
        sa.Column("new_title", sa.String(500), nullable=False, server_default=""),
    )
    op.create_index("ix_job_changes_contact_id", "job_changes", ["contact_id"])
    op.create_table(
        "plan_marks",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("contact_id", sa.Integer, sa.ForeignKey("contacts.id", ondelete="CASCADE"), nullable=False),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("date", sa.Date, nullable=False),
        sa.Column("until", sa.Date, nullable=True),
        sa.Column("reason", sa.String(40), nullable=False, server_default=""),
    )
    op.create_index("ix_plan_marks_contact_id", "plan_marks", ["contact_id"])


def downgrade() -> None:
    op.drop_index("ix_plan_marks_contact_id", table_name="plan_marks")
    op.drop_table("plan_marks")
    op.drop_index("ix_job_changes_contact_id", table_name="job_changes")
    op.drop_table("job_changes")
