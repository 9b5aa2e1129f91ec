"""Printed pages: one paint routine for preview, printer and PDF, and a module per layout."""
