"""Small widgets Qt lacks, or that behave as sellers expect where Qt's do not."""
