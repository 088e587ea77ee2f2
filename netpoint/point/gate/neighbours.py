"""The MAC of a station on this server's own LAN, from the kernel's neighbour table: the
station client does not send its MAC when it pairs, but its packets just came from it."""

from pathlib import Path

ARP_TABLE = Path("/proc/net/arp")
COMPLETE = 0x2


def parse_arp(text: str) -> dict[str, str]:
    """/proc/net/arp's complete entries, IP → MAC."""
    found = {}
    for line in text.splitlines()[1:]:
        parts = line.split()
        if len(parts) >= 4 and int(parts[2], 16) & COMPLETE:
            found[parts[0]] = parts[3].lower()
    return found


def mac_of(ip: str | None) -> str | None:
    if not ip:
        return None
    try:
        return parse_arp(ARP_TABLE.read_text()).get(ip)
    except (OSError, ValueError):
        return None
