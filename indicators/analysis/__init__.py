"""What the table says: attainment (targets against outturns), contributions and shares,
the target-setting model and trend projections. Brings statsmodels and scipy, lazily."""
