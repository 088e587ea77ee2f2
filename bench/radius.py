"""Durable RADIUS accounting: our server against FreeRADIUS 3.2 with rlm_sql_postgresql.

Usage: .venv/bin/python bench/radius.py [--quick] [--sessions 100000] [--clients N] [--nice 10]

A fresh PostgreSQL database with the provider's schema gets one public Wi-Fi point and its
NAS (127.0.0.1). Each of `--clients` radclient processes (FreeRADIUS's own client, `-p 256`
requests in flight each, run at `--nice` priority; by default one per 15,000 requests, at
least 4) sends its share of the sessions as
accounting requests: every session's Start, then every Interim-Update, then every Stop. A
request counts once radclient has its Accounting-Response, which both servers send only after
the row is committed; the rows are checked afterwards. The CPU seconds of the servers and of
the radclients are printed too. First against `netpoint radius` (asyncio + pyrad, group commit;
`--processes` of them on one port through SO_REUSEPORT), then, if FreeRADIUS and its
PostgreSQL driver are installed (`apt-get install freeradius freeradius-postgresql`), against
FreeRADIUS writing the same radacct table (emptied between the runs) with its stock PostgreSQL
queries, 32 threads and 32 database connections; both get 4 MiB socket receive buffers. Prints
requests/s of both and the ratio; the last line is one JSON object. Targets: >= 20,000
requests/s, >= 3x FreeRADIUS.
"""

import argparse
import json
import os
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ingest import PG, ROOT, provider_env  # noqa: E402

SECRET = "bench-only-radius-secret-0123"
FREERADIUS = "/usr/sbin/freeradius"
FREERADIUS_CONFIG = Path("/etc/freeradius/3.0")
CLIENT_REQUESTS = 15_000


def free_udp_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def request_files(folder: Path, sessions: int, clients: int) -> tuple[list[Path], int]:
    """One radclient input file per client; returns them and the number of requests."""
    files, total = [], 0
    share = sessions // clients
    for client in range(clients):
        packets = []
        for status, elapsed in (("Start", 0), ("Interim-Update", 300), ("Stop", 600)):
            for n in range(share):
                lines = [
                    f"Acct-Status-Type = {status}",
                    f'Acct-Session-Id = "{client:02d}-{n:08d}"',
                    f'User-Name = "wf{client:02d}{n:08d}"',
                    "NAS-IP-Address = 127.0.0.1",
                    f"NAS-Port = {n % 4096}",
                    "NAS-Port-Type = Wireless-802.11",
                    'Called-Station-Id = "00-11-22-33-44-55:Netpoint"',
                    f'Calling-Station-Id = "02-00-{client:02X}-{n >> 16 & 255:02X}-'
                    f'{n >> 8 & 255:02X}-{n & 255:02X}"',
                    f"Framed-IP-Address = 10.{client}.{n >> 8 & 255}.{n & 255}",
                    f"Event-Timestamp = {1_773_111_600 + elapsed}",
                ]
                if elapsed:
                    lines += [
                        f"Acct-Session-Time = {elapsed}",
                        f"Acct-Input-Octets = {elapsed * 1000}",
                        f"Acct-Output-Octets = {elapsed * 5000}",
                    ]
                if status == "Stop":
                    lines.append("Acct-Terminate-Cause = User-Request")
                packets.append("\n".join(lines))
        path = folder / f"client{client}.txt"
        path.write_text("\n\n".join(packets) + "\n")
        files.append(path)
        total += len(packets)
    return files, total


def load(port: int, files: list[Path], parallel: int, nice: int) -> tuple[float, int, float]:
    """Runs the radclients at once; seconds until the last is done, the replies lost and the
    CPU seconds the radclients used. They share the machine with the server under test, and
    radclient polls its socket in a loop while it waits for replies (a FIXME in its main loop),
    so at the same priority the waiting clients take the CPU the server needs: they run
    `nice`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    clients = [
        subprocess.Popen(
            ["radclient", "-s", "-q", "-p", str(parallel), "-r", "5", "-t", "5", "-f", str(path),
             f"127.0.0.1:{port}", "acct", SECRET],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            preexec_fn=lambda: os.nice(nice),
        )
        for path in files
    ]  # fmt: skip
    outputs = [client.communicate()[0] for client in clients]
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    client_cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    lost = 0
    for output in outputs:
        for line in output.splitlines():
            if "Packets lost" in line:
                lost += int(line.split(":")[1])
    return seconds, lost, client_cpu


def cpu_seconds(pid: int) -> float:
    """User and system CPU a running process has used so far (its threads included)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def postgres_cpu_seconds() -> float:
    """CPU used so far by the PostgreSQL processes running now (all databases'; a backend that
    ends meanwhile takes its share with it)."""
    total = 0.0
    for process in Path("/proc").iterdir():
        try:
            if process.name.isdigit() and (process / "comm").read_text().strip() == "postgres":
                total += cpu_seconds(int(process.name))
        except OSError:
            continue
    return total


def machine_busy_seconds() -> float:
    """CPU seconds all cores have spent on anything but idling and waiting for disks."""
    fields = [int(value) for value in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    return (sum(fields[:8]) - fields[3] - fields[4]) / os.sysconf("SC_CLK_TCK")


class CpuUse:
    """Where the CPU went during a run: the server processes, PostgreSQL, the machine."""

    def __init__(self, servers: list[subprocess.Popen]):
        self.servers = servers
        self.began = self._now()

    def _now(self) -> tuple[float, float, float]:
        servers = sum(cpu_seconds(server.pid) for server in self.servers)
        return servers, postgres_cpu_seconds(), machine_busy_seconds()

    def spent(self) -> tuple[float, float, float]:
        return tuple(now - then for now, then in zip(self._now(), self.began, strict=True))


def wait_udp(port: int, server: subprocess.Popen) -> None:
    """Until the server answers a Status-style probe: a real Accounting-On for another NAS
    address would close sessions, so an Accounting-Request for an empty session is used."""
    probe = (
        "Acct-Status-Type = Interim-Update\nAcct-Session-Id = probe\nNAS-IP-Address = 127.0.0.1\n"
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server on {port} exited with {server.returncode}")
        done = subprocess.run(
            ["radclient", "-r", "1", "-t", "0.5", f"127.0.0.1:{port}", "acct", SECRET],
            input=probe, capture_output=True, text=True,
        )  # fmt: skip
        if done.returncode == 0:
            return
    raise SystemExit(f"the server on {port} did not answer")


def check_rows(db: str, sessions: int) -> None:
    import psycopg

    with psycopg.connect(f"{PG}/{db}") as pg:
        stopped = pg.execute(
            "SELECT count(*) FROM radacct WHERE acctstoptime IS NOT NULL"
            " AND acctsessionid <> 'probe' AND acctoutputoctets = 3000000"
        ).fetchone()[0]
    if stopped != sessions:
        raise SystemExit(f"{stopped} of {sessions} sessions were stored whole")


def empty_radacct(db: str) -> None:
    import psycopg

    with psycopg.connect(f"{PG}/{db}", autocommit=True) as pg:
        pg.execute("TRUNCATE radacct")
        pg.execute("VACUUM ANALYZE radacct")


def freeradius_config(folder: Path, db: str, port: int) -> Path:
    """A minimal raddb: one accounting listener, one client, rlm_sql_postgresql with the
    stock queries on radacct, Acct-Unique-Session-Id by the stock policy."""
    raddb = folder / "raddb"
    (raddb / "run").mkdir(parents=True)
    (raddb / "log").mkdir()
    shutil.copy(FREERADIUS_CONFIG / "dictionary", raddb / "dictionary")
    host, _slash, _rest = PG.removeprefix("postgres://").partition("/")
    user, _at, address = host.rpartition("@")
    server, _colon, pg_port = address.partition(":")
    (raddb / "radiusd.conf").write_text(f"""
prefix = /usr
exec_prefix = /usr
sysconfdir = /etc
localstatedir = /var
sbindir = /usr/sbin
logdir = {raddb}/log
raddbdir = {raddb}
radacctdir = {raddb}/log
name = freeradius
confdir = {raddb}
modconfdir = {FREERADIUS_CONFIG}/mods-config
run_dir = {raddb}/run
db_dir = {raddb}
libdir = /usr/lib/freeradius
pidfile = {raddb}/run/freeradius.pid
max_request_time = 30
cleanup_delay = 5
max_requests = 1048576
hostname_lookups = no
log {{
    destination = stderr
    auth = no
}}
security {{
    allow_core_dumps = no
    max_attributes = 200
    reject_delay = 0
    status_server = yes
}}
thread pool {{
    start_servers = 32
    max_servers = 32
    min_spare_servers = 32
    max_spare_servers = 32
    max_queue_size = 1048576
    max_requests_per_server = 0
    auto_limit_acct = no
}}
client bench {{
    ipaddr = 127.0.0.1
    secret = {SECRET}
}}
policy {{
    $INCLUDE {FREERADIUS_CONFIG}/policy.d/accounting
}}
modules {{
    expr {{
    }}
    sql {{
        dialect = "postgresql"
        driver = "rlm_sql_postgresql"
        server = "{server}"
        port = {pg_port or 5432}
        login = "{user or "postgres"}"
        password = ""
        radius_db = "{db}"
        acct_table1 = "radacct"
        acct_table2 = "radacct"
        postauth_table = "radpostauth"
        authcheck_table = "radcheck"
        groupcheck_table = "radgroupcheck"
        authreply_table = "radreply"
        groupreply_table = "radgroupreply"
        usergroup_table = "radusergroup"
        read_groups = no
        delete_stale_sessions = no
        pool {{
            start = 32
            min = 32
            max = 32
            spare = 32
            uses = 0
            retry_delay = 1
            lifetime = 0
            idle_timeout = 0
        }}
        read_clients = no
        client_table = "nas"
        group_attribute = "SQL-Group"
        $INCLUDE ${{modconfdir}}/sql/main/${{dialect}}/queries.conf
    }}
}}
server default {{
    listen {{
        type = acct
        ipaddr = 127.0.0.1
        port = {port}
        recv_buff = 4194304
    }}
    preacct {{
        acct_unique
    }}
    accounting {{
        sql
    }}
}}
""")
    return raddb


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="20,000 sessions, within a minute")
    parser.add_argument("--sessions", type=int, default=100_000)
    parser.add_argument("--clients", type=int, help="radclient processes")
    parser.add_argument("--parallel", type=int, default=256, help="radclient -p")
    parser.add_argument("--processes", type=int, default=2, help="`netpoint radius` processes")
    parser.add_argument("--nice", type=int, default=10, help="niceness of the radclients")
    args = parser.parse_args()
    sessions = 20_000 if args.quick else args.sessions
    # radclient walks every request it has not finished for each reply it reads, so its CPU
    # per request grows with its file: 55 us at 15,000 requests, 190 us at 75,000 (against a
    # server that answers at once).
    args.clients = args.clients or max(4, -(-sessions * 3 // CLIENT_REQUESTS))
    sessions -= sessions % args.clients
    if shutil.which("radclient") is None:
        raise SystemExit("radclient is missing: apt-get install -y freeradius-utils")
    db = f"netpoint_bench_{uuid.uuid4().hex[:8]}"
    folder = Path(tempfile.mkdtemp(prefix=f"{db}-"))
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as pg:
        pg.execute(f'CREATE DATABASE "{db}"')
    env = provider_env(db, str(folder))
    servers: list[subprocess.Popen] = []
    try:
        netpoint = [sys.executable, "-m", "netpoint.cli"]
        subprocess.run([*netpoint, "migrate", "-v", "0"], env=env, cwd=ROOT, check=True)
        os.environ.update(env)
        import django

        django.setup()
        from netpoint.provider.modules.wifi import services
        from netpoint.provider.registry.models import Enterprise, Point

        enterprise = Enterprise.objects.create(name="Doanh nghiệp đo tải", tax_code="0100009996")
        point = Point.objects.create(
            enterprise=enterprise, code="W00001", name="Điểm Wi-Fi đo tải",
            point_type=Point.Type.WIFI, owner_name="Chủ", province_code=1, ward_code=4,
            street_address="Phố",
        )  # fmt: skip
        services.register_nas(point, "NAS đo tải", "127.0.0.1", SECRET)
        files, requests = request_files(folder, sessions, args.clients)
        print(f"{requests} accounting requests from {args.clients} radclients", file=sys.stderr)

        port, auth_port = free_udp_port(), free_udp_port()
        ours = [
            subprocess.Popen(
                [
                    *netpoint,
                    "radius",
                    "--host",
                    "127.0.0.1",
                    "--auth-port",
                    str(auth_port),
                    "--acct-port",
                    str(port),
                    "--reuse-port",
                ],
                env=env,
                cwd=ROOT,
                stdout=sys.stderr,
            )  # fmt: skip
            for _ in range(args.processes)
        ]
        servers += ours
        for server in ours:
            wait_udp(port, server)
        use = CpuUse(ours)
        seconds, lost, client_cpu = load(port, files, args.parallel, args.nice)
        server_cpu, postgres_cpu, busy = use.spent()
        check_rows(db, sessions)
        figures = {
            "sessions": sessions,
            "requests": requests,
            "clients": args.clients,
            "parallel": args.parallel,
            "radclient_nice": args.nice,
            "netpoint_processes": args.processes,
            "netpoint_seconds": round(seconds, 2),
            "netpoint_requests_per_s": round(requests / seconds),
            "netpoint_lost": lost,
            "netpoint_cpu_seconds": round(server_cpu, 2),
            "netpoint_postgres_cpu_seconds": round(postgres_cpu, 2),
            "netpoint_machine_busy_seconds": round(busy, 2),
            "radclient_cpu_seconds": round(client_cpu, 2),
        }
        print(
            f"netpoint: {figures['netpoint_requests_per_s']} requests/s, lost {lost}; CPU us per"
            f" request: servers {server_cpu / requests * 1e6:.0f}, PostgreSQL"
            f" {postgres_cpu / requests * 1e6:.0f}, radclients {client_cpu / requests * 1e6:.0f};"
            f" machine busy {busy:.1f} of {seconds * os.cpu_count():.1f} CPU s",
            file=sys.stderr,
        )
        for server in ours:
            server.terminate()
            server.wait()

        if Path(FREERADIUS).exists() and Path("/usr/lib/freeradius/rlm_sql_postgresql.so").exists():
            empty_radacct(db)
            port = free_udp_port()
            raddb = freeradius_config(folder, db, port)
            log = open(folder / "freeradius.log", "w")  # noqa: SIM115 - closed with the server
            theirs = subprocess.Popen(
                [FREERADIUS, "-f", "-d", str(raddb), "-l", "stdout"], stdout=log,
                stderr=subprocess.STDOUT,
            )  # fmt: skip
            servers.append(theirs)
            try:
                wait_udp(port, theirs)
            except SystemExit:
                print((folder / "freeradius.log").read_text()[-3000:], file=sys.stderr)
                raise
            use = CpuUse([theirs])
            seconds, lost, client_cpu = load(port, files, args.parallel, args.nice)
            server_cpu, postgres_cpu, busy = use.spent()
            check_rows(db, sessions)
            figures |= {
                "freeradius_seconds": round(seconds, 2),
                "freeradius_requests_per_s": round(requests / seconds),
                "freeradius_lost": lost,
                "freeradius_cpu_seconds": round(server_cpu, 2),
                "freeradius_postgres_cpu_seconds": round(postgres_cpu, 2),
                "freeradius_machine_busy_seconds": round(busy, 2),
                "freeradius_radclient_cpu_seconds": round(client_cpu, 2),
                "ratio": round(
                    figures["netpoint_seconds"] and seconds / figures["netpoint_seconds"], 2
                ),
            }
            print(
                f"FreeRADIUS: {figures['freeradius_requests_per_s']} requests/s; CPU us per"
                f" request: server {server_cpu / requests * 1e6:.0f}, PostgreSQL"
                f" {postgres_cpu / requests * 1e6:.0f}, radclients"
                f" {client_cpu / requests * 1e6:.0f}",
                file=sys.stderr,
            )
        else:
            figures["freeradius"] = "not installed"
        print(json.dumps(figures))
    finally:
        for server in servers:
            if server.poll() is None:
                server.terminate()
                server.wait()
        from django.db import connections

        connections.close_all()
        with psycopg.connect(f"{PG}/postgres", autocommit=True) as pg:
            pg.execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
