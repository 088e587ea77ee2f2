"""The lock screen and the timer window (PySide6), driven by the StationClient.

While no session runs the lock screen covers the whole display and stays on top; it cannot be
closed from the window manager. During a session a small always-on-top window shows the time
left, the balance and the warnings the point server says are due. The decision to lock is
lockstate.screen(), so the window locks again when the session ends, is ended from the
cashier's desk, when its time runs out, or when the point server stays silent too long.
"""

import contextlib

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from netpoint.station_client import guardian
from netpoint.station_client.client import Refused, StationClient

WALK_IN = "Khách vãng lai: vui lòng gặp thu ngân để mở máy."
OFFLINE = "Không kết nối được máy chủ của điểm. Vui lòng gặp thu ngân."


def clock_text(seconds: int | None) -> str:
    if seconds is None:
        return "Không giới hạn"
    hours, rest = divmod(max(seconds, 0), 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}"


class LockScreen(QWidget):
    def __init__(self, on_login):
        super().__init__(
            None, Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint
        )
        self.setObjectName("lock")
        self.setStyleSheet(
            "#lock { background: #14324f; } QLabel { color: white; font-size: 18px; }"
            " #title { font-size: 40px; font-weight: bold; } #error { color: #ffb4a9; }"
            " #message { color: #ffe08a; }"
            " QLineEdit, QPushButton { font-size: 18px; padding: 8px; min-width: 320px; }"
        )
        self.title = QLabel(objectName="title")
        self.username = QLineEdit(placeholderText="Tên đăng nhập hội viên")
        self.password = QLineEdit(placeholderText="Mật khẩu")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.login_button = QPushButton("Đăng nhập")
        self.error = QLabel(objectName="error")
        self.walk_in = QLabel(WALK_IN)
        self.message = QLabel(objectName="message")
        self.rules = QLabel()
        self.rules.setWordWrap(True)
        self.rules.setFixedWidth(560)
        self.setMinimumSize(800, 600)
        layout = QVBoxLayout(self)
        layout.setSpacing(14)
        layout.setAlignment(Qt.AlignmentFlag.AlignCenter)
        for widget in (
            self.title,
            self.username,
            self.password,
            self.login_button,
            self.error,
            self.walk_in,
            self.rules,
        ):
            layout.addWidget(widget, alignment=Qt.AlignmentFlag.AlignHCenter)
        self.login_button.clicked.connect(
            lambda: on_login(self.username.text(), self.password.text())
        )
        self.password.returnPressed.connect(self.login_button.click)

    def closeEvent(self, event):  # noqa: N802 - Qt's name
        event.ignore()  # only the point server unlocks this PC


class TimerWindow(QWidget):
    def __init__(self, on_logout):
        super().__init__(None, Qt.WindowType.Tool | Qt.WindowType.WindowStaysOnTopHint)
        self.setWindowTitle("Netpoint")
        self.time_left = QLabel()
        self.time_left.setStyleSheet("font-size: 28px; font-weight: bold;")
        self.balance = QLabel()
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet("color: #b35900;")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #0b6bcb;")
        self.logout_button = QPushButton("Đăng xuất")
        self.logout_button.clicked.connect(on_logout)
        layout = QVBoxLayout(self)
        for widget in (
            QLabel("Thời gian còn lại"),
            self.time_left,
            self.balance,
            self.warnings,
            self.logout_button,
        ):
            layout.addWidget(widget)
        self.setFixedWidth(280)

    def closeEvent(self, event):  # noqa: N802 - Qt's name
        event.ignore()


class StationWindows:
    """Polls the point server on a timer and shows whichever window the screen decision says."""

    def __init__(self, client: StationClient):
        self.client = client
        self.lock = LockScreen(self.login)
        self.timer = TimerWindow(self.logout)
        self.warnings_seen: list[str] = []
        self.polls = QTimer(interval=2000, timeout=self.refresh)
        self.ticks = QTimer(interval=1000, timeout=self.show_screen)
        self.beats = 0

    def start(self) -> None:
        self.refresh()
        self.polls.start()
        self.ticks.start()

    def refresh(self) -> None:
        self.beats += 1
        (self.client.heartbeat if self.beats % 3 == 1 else self.client.poll)()
        self.show_screen()

    def login(self, username: str, password: str) -> None:
        try:
            self.client.login(username, password)
        except Refused as refused:
            self.lock.error.setText(str(refused))
        except OSError:
            self.lock.error.setText(OFFLINE)
        else:
            self.lock.error.clear()
            self.lock.password.clear()
        self.show_screen()

    def logout(self) -> None:
        # A walk-in ends at the desk; offline, the time still runs out on its own.
        with contextlib.suppress(Refused, OSError):
            self.client.logout()
        self.show_screen()

    def show_screen(self) -> None:
        shown = self.client.screen()
        state = self.client.state or {}
        point = state.get("point", {})
        self.lock.title.setText(point.get("name", "Netpoint"))
        self.show_messages(state.get("messages", []))
        self.lock.rules.setText(point.get("rules", ""))
        if shown.locked:
            if self.timer.isVisible():  # a session just ended: leave nothing of it behind
                self.lock.username.clear()
            if shown.reason == "offline":
                self.lock.error.setText(OFFLINE)
            self.timer.hide()
            self.lock.showFullScreen()
            self.lock.raise_()
            return
        session = state.get("session") or {}
        self.timer.time_left.setText(clock_text(shown.seconds_left))
        balance = session.get("balance")
        self.timer.balance.setText("" if balance is None else f"Số dư: {balance:,} đ")
        self.timer.warnings.setText("\n".join(w["text"] for w in state.get("warnings", [])))
        self.timer.logout_button.setVisible(session.get("kind") == "member")
        self.lock.hide()
        self.timer.show()
        self.timer.raise_()

    def show_messages(self, messages: list[dict]) -> None:
        """The cashier's messages, on whichever window is up; acknowledged at the next beat."""
        for message in messages:
            if message["id"] not in self.client.shown_messages:
                self.client.shown_messages.append(message["id"])
                self.lock.message.setText(message["text"])
                self.timer.message.setText(message["text"])


def run(client: StationClient) -> int:
    app = QApplication.instance() or QApplication([])
    guardian.attach(app)  # before any window: WM_CLASS "netpoint-station"; the watchdog's timer
    windows = StationWindows(client)
    windows.start()
    return app.exec()
