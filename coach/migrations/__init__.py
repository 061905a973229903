"""Alembic migrations of the contacts store; `coach.store.Store` runs `upgrade head` on open."""
