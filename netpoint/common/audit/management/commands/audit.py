import json
import urllib.error
import urllib.request
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from netpoint.common.audit import services
from netpoint.common.audit.heads import BadHead, SignedHead


class Command(BaseCommand):
    help = (
        "`netpoint audit verify [--since HEAD]`: kiểm tra nhật ký kiểm toán (cây Merkle, các đầu "
        "cây đã ký trong tệp ngoài cơ sở dữ liệu; với --since: nhật ký chỉ được nối thêm từ đầu "
        "cây đó). `netpoint audit export-head [--to URL]`: ký và in đầu cây hiện nay (JSON) cho "
        "bên chứng kiến. `netpoint audit public-key`: in khoá công khai để kiểm chữ ký."
    )

    def add_arguments(self, parser):
        parser.add_argument("what", choices=["verify", "export-head", "public-key"])
        parser.add_argument(
            "--since",
            help="một đầu cây đã ký thấy trước đây: JSON, hoặc đường dẫn tệp chứa JSON đó",
        )
        parser.add_argument("--to", help="gửi đầu cây (POST JSON) tới địa chỉ này")

    def handle(self, *args, what, since=None, to=None, **options):
        if what == "public-key":
            self.stdout.write(services.public_key_pem().rstrip())
            return
        if what == "export-head":
            head = services.sign_current()
            self.stdout.write(json.dumps(head.as_dict(), ensure_ascii=False))
            if to:
                self._send(head, to)
            return
        self._verify(_head(since) if since else None)

    def _verify(self, since: SignedHead | None):
        report = services.check(since)
        for problem in report.problems:
            self.stdout.write(str(problem))
        if report.problems:
            raise CommandError(
                f"nhật ký kiểm toán đã bị can thiệp: {len(report.problems)} vấn đề "
                f"(tệp đầu cây: {settings.NETPOINT_AUDIT_HEADS_FILE})"
            )
        latest = report.latest
        self.stdout.write(
            f"nhật ký kiểm toán nguyên vẹn: {report.tree_size} mục, gốc {report.root_hash.hex()}"
        )
        if latest is not None:
            self.stdout.write(
                f"đầu cây đã ký mới nhất: {latest.tree_size} mục, gốc {latest.root_hash.hex()}, "
                f"chữ ký hợp lệ"
            )
        if since is not None:
            self.stdout.write(
                f"chỉ được nối thêm từ {since.tree_size} đến {report.proved_to} mục; "
                f"bằng chứng nhất quán (RFC 9162): "
                + json.dumps([node.hex() for node in report.proof])
            )

    def _send(self, head: SignedHead, url: str):
        if not url.startswith(("https://", "http://")):
            raise CommandError("địa chỉ bên chứng kiến bắt đầu bằng https:// (hoặc http://)")
        body = json.dumps(head.as_dict()).encode()
        sent = urllib.request.Request(  # noqa: S310 - http(s) only, checked above
            url, data=body, headers={"Content-Type": "application/json"}, method="POST"
        )
        try:
            with urllib.request.urlopen(sent, timeout=15) as answer:  # noqa: S310
                self.stdout.write(f"đã gửi tới {url}: {answer.status}")
        except (urllib.error.URLError, OSError) as error:
            raise CommandError(f"không gửi được tới {url}: {error}") from None


def _head(text: str) -> SignedHead:
    """A head given as JSON, or as the path of a file holding it (its last line, so a copy of
    a heads file works too)."""
    if not text.lstrip().startswith("{"):
        try:
            lines = [line for line in Path(text).read_text().splitlines() if line.strip()]
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"không đọc được tệp đầu cây {text}: {error}") from None
        text = lines[-1] if lines else ""
    try:
        return SignedHead.from_json(text)
    except BadHead:
        raise CommandError("--since không phải là một đầu cây đã ký (JSON)") from None
