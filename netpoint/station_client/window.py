"""The lock screen and the timer bar (PySide6), driven by the StationClient.

While no session runs a lock window covers every screen. On X11 the windows are unmanaged
(override-redirect, as screen lockers are), so the window manager cannot move, close or cover
them, and the main one grabs keyboard and pointer: Alt+Tab, the Super key, Alt+F4 and clicks on
other windows all come to the lock. A timer re-raises the windows, takes the focus back and grabs
again five times a second while locked, so whatever got above them is covered again at once.
During a session a small frameless bar in the top-right corner shows the time and the money.
Which one shows is lockstate.screen(); what they say is view.py.

A station that is not paired shows the lock with a field for the pairing code, so the cashier
pairs it from its own screen.
"""

import contextlib

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from netpoint.station_client import guardian, view
from netpoint.station_client.client import Refused, StationClient
from netpoint.station_client.view import Message, clock_text, money_text  # noqa: F401

HOLD_EVERY_MS = 200  # how soon a covered or unfocused lock takes the screen back

LOCK_STYLE = (
    "QWidget#lock { background: #14324f; } QLabel { color: white; font-size: 18px; }"
    " QLabel#title { font-size: 40px; font-weight: bold; } QLabel#error { color: #ffb4a9; }"
    " QLabel#notice { color: #ffe08a; font-size: 22px; font-weight: bold; }"
    " QLineEdit, QPushButton { font-size: 18px; padding: 8px; min-width: 320px; }"
)
PANEL_STYLE = (
    "QFrame#messages { background: #fff4cc; border: 2px solid #e0a800; border-radius: 8px; }"
    " QFrame#messages QLabel { color: #3d2e00; background: transparent; font-size: 17px; }"
    " QFrame#messages QLabel#messageHeading { font-weight: bold; font-size: 14px; }"
    " QFrame#messages QPushButton { min-width: 90px; font-size: 16px; padding: 6px; }"
)
BAR_STYLE = (
    "QWidget#bar { background: #14324f; border: 1px solid #3d6a94; }"
    " QLabel { color: white; font-size: 14px; } QLabel#clock { font-size: 26px;"
    " font-weight: bold; } QLabel#warnings { color: #ffd08a; }"
    " QPushButton#logout { font-size: 14px; padding: 4px 10px; }"
)
UNMANAGED = (
    Qt.WindowType.FramelessWindowHint
    | Qt.WindowType.WindowStaysOnTopHint
    | Qt.WindowType.X11BypassWindowManagerHint
)


class MessagePanel(QFrame):
    """A cashier's message, shown until the customer presses "Đã xem"."""

    def __init__(self, on_seen, narrow: bool = False):
        super().__init__(None, objectName="messages")
        self.setStyleSheet(PANEL_STYLE)
        self.message_id: int | None = None
        self.text = QLabel(wordWrap=True)
        self.seen_button = QPushButton("Đã xem")
        self.seen_button.clicked.connect(lambda: on_seen(self.message_id))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Tin nhắn từ thu ngân", objectName="messageHeading"))
        if narrow:  # the timer bar: the button under the text
            layout.addWidget(self.text)
            layout.addWidget(self.seen_button, alignment=Qt.AlignmentFlag.AlignRight)
        else:
            row = QHBoxLayout()
            row.addWidget(self.text, 1)
            row.addWidget(self.seen_button, 0, Qt.AlignmentFlag.AlignBottom)
            layout.addLayout(row)
        self.hide()

    def show_message(self, message: Message | None) -> None:
        self.message_id = None if message is None else message.id
        if message is None:
            self.hide()
            return
        self.text.setText(message.text)
        self.show()


class LockWindow(QWidget):
    """A lock over one screen: unmanaged, on top, and it cannot be closed."""

    def __init__(self):
        super().__init__(None, UNMANAGED)
        self.setObjectName("lock")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setStyleSheet(LOCK_STYLE)
        self.setWindowTitle("Netpoint")
        self.screen_shown: QScreen | None = None

    def place(self, screen: QScreen) -> None:
        self.screen_shown = screen
        self.setScreen(screen)
        self.setGeometry(screen.geometry())

    def closeEvent(self, event):  # noqa: N802 - Qt's name
        event.ignore()  # only the point server unlocks this PC


class LockCover(LockWindow):
    """The lock on a screen other than the main one: it only says the PC is locked."""

    def __init__(self):
        super().__init__()
        self.title = QLabel(objectName="title")
        layout = QVBoxLayout(self)
        layout.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.title, alignment=Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(
            QLabel("Máy đang khóa. Mời dùng màn hình chính."),
            alignment=Qt.AlignmentFlag.AlignHCenter,
        )


class LockScreen(LockWindow):
    """The lock on the main screen: member login, or the pairing code for an unpaired PC."""

    def __init__(self, on_login, on_pair, on_seen):
        super().__init__()
        center = Qt.AlignmentFlag.AlignHCenter
        self.title = QLabel(objectName="title")
        self.notice = QLabel(objectName="notice", wordWrap=True)
        self.session = QLabel()
        self.messages = MessagePanel(on_seen)
        self.messages.setFixedWidth(560)
        self.username = QLineEdit(placeholderText="Tên đăng nhập hội viên")
        self.password = QLineEdit(placeholderText="Mật khẩu")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.login_button = QPushButton("Đăng nhập")
        self.walk_in = QLabel(view.WALK_IN)
        self.login_form = self._form(self.username, self.password, self.login_button, self.walk_in)
        self.pairing_intro = QLabel(
            "Máy này chưa được ghép với máy chủ của điểm.\n"
            "Thu ngân: chọn “Ghép máy” cho máy này trên lưới máy,\n"
            "rồi nhập mã hiện ra vào ô dưới đây.",
            alignment=Qt.AlignmentFlag.AlignCenter,
        )
        self.code = QLineEdit(placeholderText="Mã ghép máy")
        self.pair_button = QPushButton("Ghép máy")
        self.pairing_form = self._form(self.pairing_intro, self.code, self.pair_button)
        self.error = QLabel(objectName="error", wordWrap=True)
        self.rules = QLabel(wordWrap=True)
        for label in (self.notice, self.error, self.rules):
            label.setFixedWidth(560)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.setSpacing(14)
        layout.setAlignment(Qt.AlignmentFlag.AlignCenter)
        for widget in (
            self.title,
            self.notice,
            self.session,
            self.messages,
            self.login_form,
            self.pairing_form,
            self.error,
            self.rules,
        ):
            layout.addWidget(widget, alignment=center)
        for field in (self.username, self.password, self.code):
            # A context menu is a popup, and a popup takes the grab away from the lock.
            field.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.login_button.clicked.connect(
            lambda: on_login(self.username.text(), self.password.text())
        )
        self.username.returnPressed.connect(self.password.setFocus)
        self.password.returnPressed.connect(self.login_button.click)
        self.pair_button.clicked.connect(lambda: on_pair(self.code.text()))
        self.code.returnPressed.connect(self.pair_button.click)
        self.pairing_form.hide()

    @staticmethod
    def _form(*widgets: QWidget) -> QWidget:
        form = QWidget()
        layout = QVBoxLayout(form)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)
        for widget in widgets:
            layout.addWidget(widget, alignment=Qt.AlignmentFlag.AlignHCenter)
        return form

    def show_pairing(self, pairing: bool) -> None:
        self.pairing_form.setVisible(pairing)
        self.login_form.setVisible(not pairing)


class TimerBar(QWidget):
    """The session's time and money, small, in the top-right corner of the main screen."""

    MARGIN = 12

    def __init__(self, on_logout, on_seen):
        super().__init__(
            None,
            Qt.WindowType.Tool
            | Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint
            | Qt.WindowType.WindowDoesNotAcceptFocus,
        )
        self.setObjectName("bar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setStyleSheet(BAR_STYLE)
        self.setWindowTitle("Netpoint")
        self.heading = QLabel()
        self.clock = QLabel(objectName="clock")
        self.money = QLabel()
        self.left = QLabel()
        self.warnings = QLabel(objectName="warnings", wordWrap=True)
        self.messages = MessagePanel(on_seen, narrow=True)
        self.logout_button = QPushButton("Đăng xuất", objectName="logout")
        self.logout_button.clicked.connect(on_logout)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 10)
        layout.setSpacing(4)
        for widget in (self.heading, self.clock, self.money, self.left, self.warnings):
            layout.addWidget(widget)
        layout.addWidget(self.messages)
        layout.addWidget(self.logout_button, alignment=Qt.AlignmentFlag.AlignRight)
        self.setFixedWidth(300)

    def show_view(self, shown: view.TimerView) -> None:
        self.heading.setText(shown.heading)
        self.clock.setText(shown.clock)
        self.clock.setVisible(bool(shown.clock))
        self.money.setText(shown.money)
        self.money.setVisible(bool(shown.money))
        self.left.setText(shown.left)
        self.left.setVisible(bool(shown.left))
        self.warnings.setText("\n".join(shown.warnings))
        self.warnings.setVisible(bool(shown.warnings))
        self.logout_button.setVisible(shown.can_log_out)

    def place(self) -> None:
        # Wrapped text needs the height for the bar's fixed width, which adjustSize() misses.
        height = self.layout().totalHeightForWidth(self.width())
        if height > 0:
            self.resize(self.width(), height)
        else:
            self.adjustSize()
        area = QGuiApplication.primaryScreen().availableGeometry()
        self.move(area.right() + 1 - self.width() - self.MARGIN, area.top() + self.MARGIN)

    def closeEvent(self, event):  # noqa: N802 - Qt's name
        event.ignore()


class StationWindows:
    """Polls the point server on a timer and shows the lock or the timer bar, as the screen
    decision says."""

    def __init__(self, client: StationClient, register: bool = False):
        self.client = client
        self.pairing = not client.paired
        # Unpaired, ask the point to pair this PC again (a frozen disk lost its token at boot)
        # while the lock also offers the field for a pairing code.
        self.register = register
        self.acknowledged: set[int] = set()  # pressed "Đã xem"; reported at the next heartbeat
        self.lock = LockScreen(self.login, self.pair, self.seen)
        self.covers: dict[QScreen, LockCover] = {}
        self.timer = TimerBar(self.logout, self.seen)
        self.locked = False
        self.polls = QTimer(interval=2000, timeout=self.refresh)
        self.ticks = QTimer(interval=1000, timeout=self.show_screen)
        self.holding = QTimer(interval=HOLD_EVERY_MS, timeout=self.hold)
        self.beats = 0
        app = QGuiApplication.instance()
        app.screenAdded.connect(self.follow_screens)
        app.screenRemoved.connect(self.follow_screens)
        app.primaryScreenChanged.connect(self.follow_screens)
        self.follow_screens()

    def start(self) -> None:
        self.refresh()
        self.polls.start()
        self.ticks.start()

    def stop(self) -> None:
        for timer in (self.polls, self.ticks, self.holding):
            timer.stop()
        self.release()
        for window in (*self.locks(), self.timer):
            window.hide()

    def locks(self) -> list[LockWindow]:
        return [self.lock, *self.covers.values()]

    # --- the screens -------------------------------------------------------------------------

    def follow_screens(self, *_changed) -> None:
        """One lock window per screen: the main one on the primary screen, a cover elsewhere."""
        primary = QGuiApplication.primaryScreen()
        screens = [screen for screen in QGuiApplication.screens() if screen is not primary]
        for screen in list(self.covers):
            if screen not in screens:
                cover = self.covers.pop(screen)
                cover.hide()
                cover.deleteLater()
        for screen in screens:
            if screen not in self.covers:
                self.covers[screen] = LockCover()
                screen.geometryChanged.connect(self.follow_screens)
            self.covers[screen].place(screen)
        if primary is not None:
            if self.lock.screen_shown is not primary:
                primary.geometryChanged.connect(self.follow_screens)
            self.lock.place(primary)
        self.timer.place()
        if self.locked:
            self.hold()

    # --- holding the lock ----------------------------------------------------------------------

    def hold(self) -> None:
        """Show and raise every lock window, take the focus back, grab keyboard and pointer."""
        for lock in self.locks():
            if not lock.isVisible():
                lock.show()
        if QGuiApplication.platformName() == "offscreen":
            return  # no display, nothing above the lock, nothing to grab
        for lock in self.locks():
            lock.raise_()
        if not self.lock.isActiveWindow():
            self.lock.activateWindow()
        handle = self.lock.windowHandle()
        if handle is not None:
            # QWindow's grab, not QWidget's: the widget grab would send every key to the lock
            # window itself instead of the field the customer types in.
            handle.setKeyboardGrabEnabled(True)
            handle.setMouseGrabEnabled(True)

    def release(self) -> None:
        handle = self.lock.windowHandle()
        if handle is not None and QGuiApplication.platformName() != "offscreen":
            handle.setKeyboardGrabEnabled(False)
            handle.setMouseGrabEnabled(False)

    def show_locked(self) -> None:
        self.timer.hide()
        self.locked = True
        self.hold()
        self.holding.start()

    def show_unlocked(self) -> None:
        self.locked = False
        self.holding.stop()
        self.release()
        for lock in self.locks():
            lock.hide()
        self.timer.place()
        self.timer.show()
        self.timer.raise_()

    # --- what the customer does --------------------------------------------------------------

    def refresh(self) -> None:
        if self.pairing and self.register:
            self.ask_to_pair_again()
        if not self.pairing:
            self.beats += 1
            try:
                (self.client.heartbeat if self.beats % 3 == 1 else self.client.poll)()
            except Refused as refused:
                if refused.status == 401:  # the point forgot this PC: pair it again
                    self.pairing = True
                    self.lock.error.setText(view.UNPAIRED)
        self.show_screen()

    def ask_to_pair_again(self) -> None:
        try:
            asked = self.client.register()
        except Refused as refused:
            self.lock.error.setText(view.refusal_text(refused.status, str(refused)))
            return
        except OSError:
            self.lock.error.setText(view.OFFLINE)
            return
        if asked.status == "approved":
            self.pairing = False
            self.lock.error.clear()
            return
        self.lock.error.setText(view.waiting_text(asked.station))

    def login(self, username: str, password: str) -> None:
        try:
            self.client.login(username, password)
        except Refused as refused:
            self.lock.error.setText(view.refusal_text(refused.status, str(refused)))
        except OSError:
            self.lock.error.setText(view.OFFLINE)
        else:
            self.lock.error.clear()
            self.lock.password.clear()
        self.show_screen()

    def pair(self, code: str) -> None:
        code = code.strip()
        if not code:
            self.lock.error.setText(view.NO_CODE)
            return
        try:
            self.client.pair(code)
        except Refused as refused:
            self.lock.error.setText(view.refusal_text(refused.status, str(refused)))
            return
        except OSError:
            self.lock.error.setText(view.OFFLINE)
            return
        self.pairing = False
        self.lock.code.clear()
        self.lock.error.clear()
        self.refresh()

    def logout(self) -> None:
        # A walk-in ends at the desk; offline, the time still runs out on its own.
        with contextlib.suppress(Refused, OSError):
            self.client.logout()
        self.show_screen()

    def seen(self, message_id: int | None) -> None:
        """The customer pressed "Đã xem": only now is the message reported as acknowledged."""
        if message_id is None:
            return
        self.acknowledged.add(message_id)
        if message_id not in self.client.shown_messages:
            self.client.shown_messages.append(message_id)
        self.show_screen()

    # --- what the screen shows ---------------------------------------------------------------

    def show_screen(self) -> None:
        state = self.client.state or {}
        point = state.get("point", {})
        for lock in self.locks():
            lock.title.setText(point.get("name", "Netpoint"))
        self.lock.rules.setText(point.get("rules", ""))
        self.lock.show_pairing(self.pairing)
        if self.pairing:
            self.lock.notice.hide()
            self.lock.session.hide()
            self.lock.messages.show_message(None)
            self.show_locked()
            return
        message = view.pending_message(state.get("messages", []), self.acknowledged)
        self.lock.messages.show_message(message)
        self.timer.messages.show_message(message)
        shown = self.client.screen()
        since = (
            0.0
            if self.client.last is None
            else self.client.monotonic() - self.client.last.received_at
        )
        if shown.locked:
            if not self.locked:  # a session just ended: leave nothing of it behind
                self.lock.username.clear()
            said = view.lock_view(shown.reason, state)
            self.lock.notice.setText(said.notice)
            self.lock.notice.setVisible(bool(said.notice))
            self.lock.session.setText(said.session)
            self.lock.session.setVisible(bool(said.session))
            self.show_locked()
            return
        self.timer.show_view(view.timer_view(state, shown.seconds_left, since))
        self.show_unlocked()


def run(client: StationClient, register: bool = False) -> int:
    app = QApplication.instance() or QApplication([])
    app.setQuitOnLastWindowClosed(False)  # the lock hides while a session runs
    guardian.attach(app)  # before any window: WM_CLASS "netpoint-station"; the watchdog's timer
    windows = StationWindows(client, register)
    windows.start()
    return app.exec()
