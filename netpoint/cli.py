"""The one command-line entry point: `netpoint <command>` for every role.

NETPOINT_ROLE picks the settings (point by default, or provider); every Django management
command is available, plus Netpoint's own (demo, serve, station, station-sim).
"""

import os
import sys


def main() -> None:
    # The station side runs on the café's PCs: no Django, no database.
    if sys.argv[1:2] == ["station-sim"]:
        from netpoint.station_client import sim

        sys.exit(sim.main(sys.argv[2:]))
    if sys.argv[1:2] == ["station"]:
        from netpoint.station_client import command

        sys.exit(command.main(sys.argv[2:]))
    role = os.environ.get("NETPOINT_ROLE", "point")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", f"netpoint.{role}.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
