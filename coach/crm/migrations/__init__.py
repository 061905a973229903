"""Alembic migrations of the contacts store; `coach.crm.store.Store` (database.py) runs `upgrade head` on open."""

# The newest revision in versions/. A store already there is opened without importing Alembic (about
# 0.3 s of every command); tests/test_store.py holds this equal to Alembic's own head.
HEAD = "0007"
