"""The pipeline's watch tests poll the same local HTTP server as the ingest tests."""

from tests.ingest.conftest import http_server

__all__ = ["http_server"]
