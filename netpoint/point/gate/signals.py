"""How the gate hears of pairings and of sessions starting and ending without sessions or
stations importing it: Django's post_save. The keeper polls anyway; a signal only wakes it
early, once the change is committed (a rolled-back check-in never opens the gate)."""

import threading

from django.db import transaction
from django.db.models.signals import post_save

# Set after a commit that may change the allow-list; the keeper waits on it between ticks.
changed = threading.Event()


def _station_saved(sender, instance, **kwargs):
    from netpoint.point.gate import services

    services.remember_pairing(instance)
    transaction.on_commit(changed.set)


def _session_saved(sender, instance, **kwargs):
    transaction.on_commit(changed.set)


def connect() -> None:
    from netpoint.point.sessions.models import Session, SessionPause
    from netpoint.point.stations.models import Station

    post_save.connect(_station_saved, sender=Station, dispatch_uid="gate-station")
    post_save.connect(_session_saved, sender=Session, dispatch_uid="gate-session")
    post_save.connect(_session_saved, sender=SessionPause, dispatch_uid="gate-session-pause")
