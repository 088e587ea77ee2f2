"""The gate keeper beside the point's web server (netpoint.common.core.doors)."""


def background(*, enforce: bool) -> list:
    from netpoint.point.gate.conf import conf
    from netpoint.point.gate.drivers import from_settings
    from netpoint.point.gate.keeper import GateKeeper

    driver = from_settings(conf())
    # With --no-runner nothing ends sessions; the gate still follows the cashier's doing.
    return [GateKeeper(driver)] if driver is not None else []
