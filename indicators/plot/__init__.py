"""Report-ready charts: style and fonts, layout helpers, one module per chart family, and
saving. Brings matplotlib."""
