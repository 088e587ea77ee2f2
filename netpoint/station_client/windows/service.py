"""The Windows service "NetpointStation", running as LocalSystem: it owns the link to the point
(the token is the machine's), and keeps the lock in front of the customer.

Every second it: talks to the point (or, unpaired, asks to be paired again and waits for the
cashier's approval: frozen and diskless disks lose the token at every boot); works out the state
(policy.state_of) and, when it changes, carries out policy.plan: the Ctrl+Alt+Del policies
(policies.py), the desktop shown (desktop.py), the keyboard hook's state (hook.py, told through
its standard input); and starts the lock UI and the hook in the console user's session
(WTSGetActiveConsoleSessionId, WTSQueryUserToken, CreateProcessAsUser) whenever one died, the
person at the console changed, or the desktop changed (policy.supervise). The UI speaks to the
point through the relay (relay.py), never with the token.

    netpoint-station.exe service install   (as an administrator; then `sc start NetpointStation`)
    netpoint-station.exe service remove

Only the decisions are tested (policy.py); this file is the thin Win32 layer and was not run
here (docs/STATION-WINDOWS.md).
"""

import contextlib
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from netpoint.station_client import config
from netpoint.station_client.client import Refused, StationClient
from netpoint.station_client.windows import desktop, policies
from netpoint.station_client.windows.policy import (
    NO_CONSOLE_SESSION,
    Running,
    State,
    plan,
    state_of,
    supervise,
)

SERVICE_NAME = "NetpointStation"
DISPLAY_NAME = "Netpoint Station"
TICK_SECONDS = 1.0


@dataclass
class Helper:
    """A process the service keeps running in the customer's session."""

    arguments: list[str]
    process: object = None  # PyHANDLE of the process
    session: int | None = None
    desktop: str | None = None
    stdin: object = None  # the write end of its standard input (the hook's), or None
    pipe: bool = False


def own_command() -> list[str]:
    """How to start this program again: the frozen exe, or this Python with the package."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    return [sys.executable, "-m", "netpoint.station_client.windows.main"]


def ui_config_path() -> Path:
    """Beside the machine's folder, not in it: the UI runs as the customer, who may read this
    (it holds only the relay's address and its secret for this launch)."""
    return config.default_path().parent.with_name("NetpointLockUI") / "lock-ui.json"


class Agent:  # pragma: no cover - Windows only
    def __init__(self):
        self.client = StationClient(config.default_path(), fail_closed_after=300.0)
        self.state: State | None = None
        self.console: int | None = None
        self.ui = Helper(
            own_command() + ["station", "--no-register", "--config", str(ui_config_path())]
        )
        self.hook = Helper(own_command() + ["hook"], pipe=True)
        self.relay = None

    # -- the point
    def talk(self) -> None:
        if not self.client.paired:
            # Asked again next tick; the station stays locked meanwhile.
            with contextlib.suppress(Refused, OSError):
                self.client.register()
            return
        self.client.heartbeat()

    def current_state(self) -> State:
        shown = self.client.screen()
        maintenance = bool((self.client.state or {}).get("maintenance"))
        return state_of(shown.locked, maintenance, heard=self.client.last is not None)

    # -- Windows
    def enforce(self, state: State) -> None:
        import win32ts

        console = win32ts.WTSGetActiveConsoleSessionId()
        wanted = plan(state)
        if state != self.state or console != self.console:
            sid = self.console_user_sid(console)
            if sid:
                policies.apply(wanted.settings, sid)
            if console != NO_CONSOLE_SESSION:
                desktop.switch_to(wanted.desktop)
            self.tell_hook(state)
            self.state, self.console = state, console
        for helper in (self.ui, self.hook):
            running = Running(self.alive(helper), helper.session, helper.desktop)
            action = supervise(running, console, wanted.desktop)
            if action.stop:
                self.end(helper)
            if action.start:
                self.start(helper, console, wanted.desktop)
                if helper is self.hook:
                    self.tell_hook(state)

    def console_user_sid(self, console: int) -> str | None:
        import win32security
        import win32ts

        if console == NO_CONSOLE_SESSION:
            return None
        try:
            token = win32ts.WTSQueryUserToken(console)
        except Exception:  # nobody signed in at the console (the logon screen)
            return None
        sid, _attributes = win32security.GetTokenInformation(token, win32security.TokenUser)
        return win32security.ConvertSidToStringSid(sid)

    def alive(self, helper: Helper) -> bool:
        import win32con
        import win32event

        if helper.process is None:
            return False
        return win32event.WaitForSingleObject(helper.process, 0) == win32con.WAIT_TIMEOUT

    def start(self, helper: Helper, console: int, on_desktop: str) -> None:
        import subprocess

        import win32api
        import win32con
        import win32pipe
        import win32process
        import win32profile
        import win32security
        import win32ts

        if helper is self.ui:
            config.save(ui_config_path(), self.relay.ui_settings())
        token = win32ts.WTSQueryUserToken(console)
        environment = win32profile.CreateEnvironmentBlock(token, False)
        startup = win32process.STARTUPINFO()
        startup.lpDesktop = desktop.qualified(on_desktop)
        inherit = False
        if helper.pipe:
            attributes = win32security.SECURITY_ATTRIBUTES()
            attributes.bInheritHandle = True
            read, write = win32pipe.CreatePipe(attributes, 0)
            win32api.SetHandleInformation(write, win32con.HANDLE_FLAG_INHERIT, 0)
            startup.hStdInput = read
            startup.dwFlags |= win32process.STARTF_USESTDHANDLES
            inherit = True
            helper.stdin = write
        process, thread, _pid, _tid = win32process.CreateProcessAsUser(
            token,
            None,
            subprocess.list2cmdline(helper.arguments),
            None,
            None,
            inherit,
            win32con.CREATE_UNICODE_ENVIRONMENT | win32process.CREATE_NO_WINDOW,
            environment,
            None,
            startup,
        )
        win32api.CloseHandle(thread)
        helper.process, helper.session, helper.desktop = process, console, on_desktop

    def end(self, helper: Helper) -> None:
        import win32process

        if helper.process is not None and self.alive(helper):
            win32process.TerminateProcess(helper.process, 1)
        helper.process = helper.session = helper.desktop = None

    def tell_hook(self, state: State) -> None:
        import win32file

        if self.hook.stdin is None:
            return
        try:
            win32file.WriteFile(self.hook.stdin, f"{state.value}\n".encode())
        except Exception:  # the hook died; it is started again next tick and told then
            self.hook.stdin = None

    # -- the whole
    def run(self, stopped) -> None:
        """`stopped()`: whether the service was asked to stop."""
        from netpoint.station_client.windows.relay import Relay

        self.relay = Relay(self.client)
        self.relay.start()
        self.enforce(State.STARTING)  # the whole table, before anything else: fail closed
        while not stopped():
            started = time.monotonic()
            self.talk()
            self.enforce(self.current_state())
            time.sleep(max(0.0, TICK_SECONDS - (time.monotonic() - started)))
        self.enforce_stop()

    def enforce_stop(self) -> None:
        """A clean stop by an administrator: everything as Windows has it."""
        self.tell_hook(State.STOPPING)
        self.end(self.ui)
        self.state = None
        self.enforce(State.STOPPING)
        self.relay.stop()


def service_class():  # pragma: no cover - Windows only
    import servicemanager
    import win32event
    import win32service
    import win32serviceutil

    class NetpointStationService(win32serviceutil.ServiceFramework):
        _svc_name_ = SERVICE_NAME
        _svc_display_name_ = DISPLAY_NAME
        _svc_description_ = "Netpoint: khóa máy trạm và liên lạc với máy chủ của điểm."

        def __init__(self, args):
            super().__init__(args)
            self.stop_event = win32event.CreateEvent(None, True, False, None)

        def SvcStop(self):
            self.ReportServiceStatus(win32service.SERVICE_STOP_PENDING)
            win32event.SetEvent(self.stop_event)

        def SvcShutdown(self):
            # Windows is shutting down: the point hears a goodbye, so this free station's
            # silence raises no alarm. Only the service manager sends this control; the
            # customer's standard account cannot, nor stop the service.
            agent = getattr(self, "agent", None)
            if agent is not None:
                agent.client.goodbye()
            self.SvcStop()

        def SvcDoRun(self):
            servicemanager.LogMsg(
                servicemanager.EVENTLOG_INFORMATION_TYPE,
                servicemanager.PYS_SERVICE_STARTED,
                (self._svc_name_, ""),
            )
            self.agent = Agent()
            self.agent.run(
                lambda: (
                    win32event.WaitForSingleObject(self.stop_event, 0) == win32event.WAIT_OBJECT_0
                )
            )

    return NetpointStationService


def main(argv: list[str]) -> int:  # pragma: no cover - Windows only
    """`service install|remove|start|stop|debug`, or, started by the service manager with no
    arguments, the service itself."""
    import servicemanager
    import win32serviceutil

    cls = service_class()
    if not argv:
        servicemanager.Initialize()
        servicemanager.PrepareToHostSingle(cls)
        servicemanager.StartServiceCtrlDispatcher()
        return 0
    if argv[0] == "install":
        # Starts at boot; the service manager restarts it whenever it dies.
        win32serviceutil.HandleCommandLine(
            cls, argv=["", "--startup", "auto", "install"], customOptionHandler=None
        )
        import subprocess

        restart = "restart/1000/restart/1000/restart/1000"
        # Windows' own sc.exe with fixed arguments.
        command = ["sc", "failure", SERVICE_NAME, "reset=", "0", "actions=", restart]
        subprocess.run(command, check=True)  # noqa: S603, S607
        directory = config.default_path().parent
        directory.mkdir(parents=True, exist_ok=True)
        from netpoint.station_client.windows import dpapi

        dpapi.restrict(directory)
        return 0
    win32serviceutil.HandleCommandLine(cls, argv=["", *argv])
    return 0


if __name__ == "__main__":  # pragma: no cover - Windows only
    sys.exit(main(sys.argv[1:]))
