"""The 500 page of both roles (`handler500` of each server's URLs)."""

import logging

from django.http import HttpResponseServerError
from django.template import loader

logger = logging.getLogger(__name__)


def server_error(request):
    """In the site's layout (Django's own is English and bare); if the layout fails too (the
    error may be the database the menu reads), a page that needs nothing."""
    try:
        body = loader.render_to_string("500.html", request=request)
    except Exception:  # the error page must answer whatever broke
        logger.exception("the 500 page in the layout failed; the plain one is shown")
        body = loader.render_to_string("500_plain.html")
    return HttpResponseServerError(body)
