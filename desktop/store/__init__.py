"""The local SQLite library: one audited open routine, a schema with numbered migrations and
typed operations, each one transaction that returns a :class:`~desktop.domain.changes.ChangeSet`.
"""
