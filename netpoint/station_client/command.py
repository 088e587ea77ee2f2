"""`netpoint station`: the lock screen on a station PC (an unpaired one asks for the pairing code
on its lock screen); with --headless, the same client without a
window, printing what the lock screen would show (for checking a pairing, or a PC without a
desktop). On Linux the lock screen runs with its guardian (guardian.py): each starts the other
again when it goes; `sudo netpoint station --stop` is the owner's way to stop both."""

import argparse
import json
import os
import sys
import time
from pathlib import Path

from netpoint.station_client import config
from netpoint.station_client.client import Refused, StationClient


def describe(client: StationClient) -> str:
    shown = client.screen()
    if shown.locked:
        return f"LOCKED ({shown.reason})"
    left = (
        ""
        if shown.seconds_left is None
        else f" {shown.seconds_left // 60}:{shown.seconds_left % 60:02d} left"
    )
    return f"UNLOCKED{left}"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="netpoint station", description=__doc__)
    parser.add_argument("--headless", action="store_true", help="no window: print the screen")
    parser.add_argument("--server", help="point server URL, e.g. http://192.168.1.10:8000")
    parser.add_argument("--config", type=Path, default=config.default_path())
    parser.add_argument(
        "--pair",
        metavar="CODE",
        help="pair with the code the cashier shows (the window also asks for it when unpaired)",
    )
    parser.add_argument(
        "--register",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="when not paired, ask the point to pair again and wait for the cashier's approval"
        ' (the default on Windows, or with "register": true in the config: frozen disks)',
    )
    parser.add_argument(
        "--fail-closed-after",
        type=float,
        default=300.0,
        help="seconds without the point server before an unlocked station locks (0: never)",
    )
    parser.add_argument("--once", action="store_true", help="ask once, print JSON, exit")
    parser.add_argument(
        "--stop", action="store_true", help="stop the lock screen and its guardian (root only)"
    )
    parser.add_argument(
        "--runtime-dir", type=Path, help="the guardian's lock files (default: per user, in /run)"
    )
    parser.add_argument(
        "--goodbye",
        action="store_true",
        help="tell the point this PC shuts down on purpose (root only; run at shutdown)",
    )
    args = parser.parse_args(argv)
    if args.stop:
        return stop(args.runtime_dir)
    if args.goodbye:
        return goodbye(args.config)
    client = StationClient(args.config, args.server, args.fail_closed_after or None)
    if "server" not in client.settings:
        parser.error("no point server yet: give --server")
    try:
        if args.pair:
            print(f"paired as {client.pair(args.pair)}")
        register = registers(args.register, client.settings)
        if not client.paired and (args.once or args.headless):
            # No window to lock the screen while it waits: only here may the agent block.
            if register:
                print(f"paired again as {wait_for_approval(client)}", flush=True)
            if not client.paired:
                parser.error("this station is not paired: give --pair CODE or --register")
        if args.once:
            answer = client.heartbeat()
            shown = client.screen()
            print(
                json.dumps(
                    {
                        "reachable": answer is not None,
                        "locked": shown.locked,
                        "reason": shown.reason,
                        "seconds_left": shown.seconds_left,
                    }
                )
            )
            return 0
        if args.headless:
            return loop(client)
        if sys.platform != "win32" and not keep_guarded(args):
            print("netpoint station: màn hình khóa đã chạy trên máy này.", file=sys.stderr)
            return 0
        from netpoint.station_client import window  # Qt only where a window is wanted

        return window.run(client, register)
    except Refused as refused:
        print(f"netpoint station: {refused}", file=sys.stderr)
        return 1


def keep_guarded(args: argparse.Namespace) -> bool:
    """Take this desktop's lock-screen place and make sure a guardian runs; False when another
    lock screen has it. The guardian starts the UI again with the same settings, not --pair."""
    from netpoint.station_client import guardian

    again = ["--config", str(args.config.resolve())]
    again += ["--fail-closed-after", str(args.fail_closed_after)]
    if args.register is not None:
        again.append("--register" if args.register else "--no-register")
    if args.server:
        again += ["--server", args.server]
    directory = args.runtime_dir.resolve() if args.runtime_dir else guardian.runtime_dir()
    if args.runtime_dir:
        again += ["--runtime-dir", str(directory)]
    return guardian.Keeper.start(guardian.ui_command(again), directory) is not None


def stop(runtime_dir: Path | None) -> int:
    """Only root stops the lock screen: the customer uses the same account as the lock."""
    if sys.platform == "win32":
        print("netpoint station: trên Windows, dừng dịch vụ Netpoint.", file=sys.stderr)
        return 1
    from netpoint.station_client import guardian

    if os.geteuid() != 0:
        print(
            "netpoint station: chỉ chủ quán (root) được dừng: sudo netpoint station --stop",
            file=sys.stderr,
        )
        return 1
    directory = runtime_dir or guardian.runtime_dir()
    if not any(
        guardian.lock_held(guardian.role(directory, name).lock) for name in ("ui", "guardian")
    ):
        print(f"netpoint station: không có màn hình khóa nào chạy ở {directory}.", file=sys.stderr)
        return 1
    if not guardian.stop(directory):
        print(f"netpoint station: màn hình khóa chưa dừng ({directory}).", file=sys.stderr)
        return 1
    print("Đã dừng màn hình khóa và trình canh giữ.")
    return 0


def goodbye(config_path: Path) -> int:
    """Said at shutdown by a root-run unit (deploy: netpoint-station-goodbye.service), so a free
    PC switched off raises no "máy trống mất kết nối": the customer's account cannot run it."""
    if sys.platform != "win32" and os.geteuid() != 0:
        print("netpoint station: chỉ hệ thống (root) được báo tắt máy.", file=sys.stderr)
        return 1
    client = StationClient(config_path)
    if not client.paired:
        print("netpoint station: máy này chưa ghép với máy chủ của điểm.", file=sys.stderr)
        return 1
    try:
        said = client.goodbye()
    except Refused as refused:
        print(f"netpoint station: {refused}", file=sys.stderr)
        return 1
    if not said:
        print("netpoint station: không liên lạc được máy chủ của điểm.", file=sys.stderr)
        return 1
    print("Đã báo máy chủ của điểm: máy trạm tắt.")
    return 0


def registers(flag: bool | None, settings: dict, platform: str = sys.platform) -> bool:
    """Whether an unpaired agent asks to be paired again: the flag if given, else the config's
    "register", else on Windows yes (café disks there are frozen or diskless)."""
    if flag is not None:
        return flag
    return bool(settings.get("register", platform == "win32"))


def wait_for_approval(client: StationClient, sleep=time.sleep) -> str:
    """Ask to be paired again and wait, however long, for the cashier's approval."""
    said = ""
    while True:
        try:
            asked = client.register()
        except Refused as refused:
            asked, line = None, f"! {refused}"
        except OSError:
            asked, line = None, "! máy chủ của điểm chưa trả lời; đang thử lại"
        else:
            if asked.status == "approved":
                return asked.station or ""
            line = "chờ thu ngân duyệt ghép lại" + (f" ({asked.station})" if asked.station else "")
        if line != said:
            print(line, flush=True)
            said = line
        sleep(2 if asked else 10)


def loop(client: StationClient) -> int:
    shown_line, next_heartbeat, seen_warnings, printed = "", 0.0, set(), set()
    try:
        while True:
            if time.monotonic() >= next_heartbeat:
                client.heartbeat()
                next_heartbeat = time.monotonic() + 5
            else:
                client.poll()
            line = describe(client)
            if line != shown_line:
                print(line, flush=True)
                shown_line = line
            for warning in (client.state or {}).get("warnings", []):
                if warning["key"] not in seen_warnings:
                    seen_warnings.add(warning["key"])
                    print(f"! {warning['text']}", flush=True)
            for message in (client.state or {}).get("messages", []):
                if message["id"] not in printed:
                    printed.add(message["id"])
                    client.shown_messages.append(message["id"])
                    print(f"> {message['text']}", flush=True)
            time.sleep((client.state or {}).get("poll_every_seconds", 2))
    except KeyboardInterrupt:
        return 0
