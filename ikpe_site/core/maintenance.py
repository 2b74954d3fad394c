"""A database outage answers a static German 503 page instead of a 500, and the site recovers by itself.

Connections are opened per request (with health checks), so nothing needs restarting once the database
is back. The page is a plain template rendered without context processors: no database access.
"""

import logging
import sys

from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader

logger = logging.getLogger(__name__)
RETRY_AFTER_SECONDS = 60
OUTAGE_ERRORS = (OperationalError, InterfaceError)


def is_outage(exc):
    """Connection failures, not programming errors such as a missing column."""
    return isinstance(exc, OUTAGE_ERRORS) or (
        isinstance(exc, DatabaseError) and isinstance(exc.__cause__, OUTAGE_ERRORS)
    )


def maintenance_response():
    response = HttpResponse(loader.get_template("503.html").render({}), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseOutageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if is_outage(exception):
            logger.error("Database unavailable: %s", exception)
            return maintenance_response()
        return None


def current_exception_is_outage():
    """For the 500 handler: errors raised outside views (e.g. in middleware) reach it, not process_exception."""
    return is_outage(sys.exc_info()[1])
