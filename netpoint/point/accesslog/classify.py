"""The kind of service an access was for (web, e-mail, chat, file transfer, game, other), by
destination domain first, then by port. Pure: the lists come in as an argument.

The provider keeps the lists current: a JSON file of the same shape as DEFAULT_SERVICES
(NETPOINT_ACCESSLOG["services_file"]) replaces the default list of each kind it names.
"""

import json
from pathlib import Path

KINDS = ("web", "email", "chat", "file_transfer", "game", "other")

DEFAULT_SERVICES = {
    "email": {
        "domains": [
            "mail.google.com",
            "gmail.com",
            "outlook.com",
            "outlook.live.com",
            "outlook.office365.com",
            "hotmail.com",
            "mail.yahoo.com",
            "proton.me",
            "mail.zoho.com",
            "mail.viettel.vn",
            "mail.vnpt.vn",
        ],
        "ports": [25, 110, 143, 465, 587, 993, 995],
    },
    "chat": {
        "domains": [
            "zalo.me",
            "zalo.vn",
            "zaloapp.com",
            "chat.zalo.me",
            "messenger.com",
            "m.me",
            "whatsapp.com",
            "whatsapp.net",
            "telegram.org",
            "t.me",
            "viber.com",
            "discord.com",
            "discord.gg",
            "discordapp.com",
            "skype.com",
            "line.me",
            "wechat.com",
            "weixin.qq.com",
            "signal.org",
        ],
        "ports": [1863, 5222, 5223, 6667, 6697],
    },
    "file_transfer": {
        "domains": [
            "drive.google.com",
            "dropbox.com",
            "mediafire.com",
            "mega.nz",
            "fshare.vn",
            "4share.vn",
            "wetransfer.com",
            "onedrive.live.com",
            "1drv.ms",
            "terabox.com",
        ],
        "ports": [20, 21, 22, 69, 989, 990, 6881, 6889],
    },
    "game": {
        "domains": [
            "garena.vn",
            "garena.com",
            "vnggames.com",
            "zingplay.com",
            "funtap.vn",
            "gosu.vn",
            "vtcgame.vn",
            "steampowered.com",
            "steamcommunity.com",
            "steamcontent.com",
            "riotgames.com",
            "leagueoflegends.com",
            "epicgames.com",
            "roblox.com",
            "battle.net",
            "blizzard.com",
            "ea.com",
            "pubg.com",
            "mobilelegends.com",
            "minecraft.net",
        ],
        "ports": [3074, 3724, 27015, 27016, 27017, 27036],
    },
    "web": {"domains": [], "ports": [80, 443, 8000, 8080, 8443]},
}


class Classifier:
    """Kind of service for (destination, port), remembering destinations already seen."""

    def __init__(self, services: dict):
        self.domains: dict[str, str] = {}
        self.ports: dict[int, str] = {}
        for kind in KINDS:
            lists = services.get(kind, {})
            for domain in lists.get("domains", []):
                self.domains[domain.lower().strip(".")] = kind
            for port in lists.get("ports", []):
                self.ports.setdefault(int(port), kind)
        self._seen: dict[tuple[str, int], str] = {}

    def kind(self, destination: str, port: int) -> str:
        key = (destination, port)
        found = self._seen.get(key)
        if found is None:
            found = self._kind(destination, port)
            if len(self._seen) > 100_000:
                self._seen.clear()
            self._seen[key] = found
        return found

    def _kind(self, destination: str, port: int) -> str:
        name = destination
        while name:  # www.facebook.com, then facebook.com, then com
            kind = self.domains.get(name)
            if kind:
                return kind
            name = name.partition(".")[2]
        return self.ports.get(port, "other")


def load(path: str = "") -> dict:
    """The default lists, each kind the file names replacing its default."""
    services = dict(DEFAULT_SERVICES)
    if path:
        updates = json.loads(Path(path).read_text(encoding="utf-8"))
        if not isinstance(updates, dict) or not set(updates) <= set(KINDS):
            raise ValueError(f"{path}: an object whose keys are among {', '.join(KINDS)}")
        services.update(updates)
    return services
