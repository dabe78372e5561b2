"""Ingest: read sources into documents (readers) and recognise copies (normalize). Pure stage code."""
