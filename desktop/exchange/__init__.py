"""File formats: the deal file and (later) the formats of other tools, each versioned."""
