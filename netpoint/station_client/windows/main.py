"""The one Windows executable (PyInstaller, deploy/windows/netpoint-station.spec):

netpoint-station.exe                    started by the service manager: the service
netpoint-station.exe service install    install | remove | start | stop | debug
netpoint-station.exe hook               the keyboard guard (started by the service)
netpoint-station.exe station ...        `netpoint station` (the lock UI, --headless ...)
"""

import sys


def main(argv: list[str]) -> int:
    if not argv:
        from netpoint.station_client.windows import service

        return service.main([])
    command, rest = argv[0], argv[1:]
    if command == "service":
        from netpoint.station_client.windows import service

        return service.main(rest)
    if command == "hook":
        from netpoint.station_client.windows import hook

        return hook.run()
    if command == "station":
        from netpoint.station_client import command as station

        return station.main(rest)
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
