"""The sender to the provider beside the point's web server (netpoint.common.core.doors)."""


def background(*, enforce: bool) -> list:
    from netpoint.point.uplink.sender import Sender

    return [Sender()]
