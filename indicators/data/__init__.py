"""From ``data/raw/`` to the validated tidy table: read, registries, schema, periods, units,
validation, derivation, the build, and :func:`load`. Brings pandas only."""
