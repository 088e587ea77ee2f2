"""The policy runner beside the point's web server (netpoint.common.core.doors)."""


def background(*, enforce: bool) -> list:
    from netpoint.point.sessions.runner import PolicyRunner

    return [PolicyRunner()] if enforce else []
