"""What the Windows agent blocks, and when: one pure table, tested on any OS.

The Win32 modules beside this one (service, hook, desktop, policies) only carry out what the
table says. The rules:

- Locked (and while starting, before the point has answered: fail closed): the lock runs on a
  desktop of its own; the low-level keyboard hook drops the keys that leave it (Win, Alt+Tab,
  Alt+Esc, Ctrl+Esc, Alt+F4, Alt+Space, Ctrl+Shift+Esc); the Ctrl+Alt+Del screen offers no
  Task Manager, password change, lock, switch user or sign-out. Ctrl+Alt+Del itself is the
  secure attention sequence: no user-mode program can drop it, so the policies are what hold it.
- A session runs: the customer's own desktop and keys, but Task Manager stays closed (it would
  end the timer bar) and the Ctrl+Alt+Del screen still offers nothing.
- Maintenance (the cashier unlocked it for a technician), stopping cleanly: everything as
  Windows has it.
- Every start writes the whole table, every value of it, for the state it starts in: nothing
  depends on what the last run left, so a crash in any state is undone by the next start.
"""

from dataclasses import dataclass
from enum import Enum


class State(Enum):
    STARTING = "starting"  # the agent (re)started and has not heard the point yet
    LOCKED = "locked"
    SESSION = "session"  # a customer's session runs
    MAINTENANCE = "maintenance"
    STOPPING = "stopping"  # the service is being stopped by an administrator


def state_of(locked: bool, maintenance: bool, heard: bool) -> State:
    """The agent's state from the screen it shows (netpoint.station_client.lockstate) and
    the point's last word."""
    if not heard:
        return State.STARTING
    if locked:
        return State.LOCKED
    return State.MAINTENANCE if maintenance else State.SESSION


# Virtual-key codes (winuser.h).
VK_TAB = 0x09
VK_SHIFT = 0x10
VK_CONTROL = 0x11
VK_MENU = 0x12  # Alt
VK_ESCAPE = 0x1B
VK_SPACE = 0x20
VK_DELETE = 0x2E
VK_LWIN = 0x5B
VK_RWIN = 0x5C
VK_F4 = 0x73
VK_LSHIFT, VK_RSHIFT = 0xA0, 0xA1
VK_LCONTROL, VK_RCONTROL = 0xA2, 0xA3
VK_LMENU, VK_RMENU = 0xA4, 0xA5

# KBDLLHOOKSTRUCT.flags
LLKHF_EXTENDED = 0x01
LLKHF_INJECTED = 0x10
LLKHF_ALTDOWN = 0x20
LLKHF_UP = 0x80


@dataclass(frozen=True)
class Modifiers:
    """Which modifiers are down as the key arrives (the hook reads Ctrl and Shift with
    GetAsyncKeyState; Alt comes in the event's own flags)."""

    ctrl: bool = False
    shift: bool = False
    win: bool = False


@dataclass(frozen=True)
class KeyRule:
    name: str
    vk: frozenset[int]
    alt: bool = False
    ctrl: bool = False
    shift: bool = False

    def matches(self, vk: int, alt: bool, modifiers: Modifiers) -> bool:
        return (
            vk in self.vk
            and (not self.alt or alt)
            and (not self.ctrl or modifiers.ctrl)
            and (not self.shift or modifiers.shift)
        )


WIN = KeyRule("Win", frozenset({VK_LWIN, VK_RWIN}))
ALT_TAB = KeyRule("Alt+Tab", frozenset({VK_TAB}), alt=True)
ALT_ESC = KeyRule("Alt+Esc", frozenset({VK_ESCAPE}), alt=True)
CTRL_ESC = KeyRule("Ctrl+Esc", frozenset({VK_ESCAPE}), ctrl=True)
ALT_F4 = KeyRule("Alt+F4", frozenset({VK_F4}), alt=True)
ALT_SPACE = KeyRule("Alt+Space", frozenset({VK_SPACE}), alt=True)  # the window menu
CTRL_SHIFT_ESC = KeyRule("Ctrl+Shift+Esc", frozenset({VK_ESCAPE}), ctrl=True, shift=True)
RULES = (WIN, ALT_TAB, ALT_ESC, CTRL_ESC, ALT_F4, ALT_SPACE, CTRL_SHIFT_ESC)

LOCK_DESKTOP = "NetpointLock"
DEFAULT_DESKTOP = "Default"

SYSTEM_POLICIES = r"Software\Microsoft\Windows\CurrentVersion\Policies\System"
EXPLORER_POLICIES = r"Software\Microsoft\Windows\CurrentVersion\Policies\Explorer"


@dataclass(frozen=True)
class RegistryPolicy:
    """A REG_DWORD policy value. HKCU: the customer account's own hive (HKEY_USERS\\<SID> as
    the SYSTEM service sees it), so the café's administrator account keeps its tools."""

    hive: str  # "HKCU" or "HKLM"
    key: str
    name: str
    removes: str  # what it takes off the Ctrl+Alt+Del screen, for the docs and the tests


TASK_MANAGER = RegistryPolicy("HKCU", SYSTEM_POLICIES, "DisableTaskMgr", "Task Manager")
CHANGE_PASSWORD = RegistryPolicy(
    "HKCU", SYSTEM_POLICIES, "DisableChangePassword", "Change a password"
)
LOCK = RegistryPolicy("HKCU", SYSTEM_POLICIES, "DisableLockWorkstation", "Lock")
SWITCH_USER = RegistryPolicy("HKLM", SYSTEM_POLICIES, "HideFastUserSwitching", "Switch user")
SIGN_OUT = RegistryPolicy("HKCU", EXPLORER_POLICIES, "NoLogoff", "Sign out")
POLICIES = (TASK_MANAGER, CHANGE_PASSWORD, LOCK, SWITCH_USER, SIGN_OUT)


@dataclass(frozen=True)
class Setting:
    policy: RegistryPolicy
    value: int | None  # 1: on; None: the value removed, as Windows has it by default


@dataclass(frozen=True)
class Plan:
    """Everything the agent sets for one state."""

    state: State
    desktop: str
    dropped: frozenset[KeyRule]
    settings: tuple[Setting, ...]  # always every policy of POLICIES, each with its value

    def drops(self, rule: KeyRule) -> bool:
        return rule in self.dropped


_LOCKED_KEYS = frozenset(RULES)
_SESSION_KEYS = frozenset({CTRL_SHIFT_ESC})
_ALL_ON = frozenset(POLICIES)

_TABLE: dict[State, tuple[str, frozenset[KeyRule], frozenset[RegistryPolicy]]] = {
    State.STARTING: (LOCK_DESKTOP, _LOCKED_KEYS, _ALL_ON),
    State.LOCKED: (LOCK_DESKTOP, _LOCKED_KEYS, _ALL_ON),
    State.SESSION: (DEFAULT_DESKTOP, _SESSION_KEYS, _ALL_ON),
    State.MAINTENANCE: (DEFAULT_DESKTOP, frozenset(), frozenset()),
    State.STOPPING: (DEFAULT_DESKTOP, frozenset(), frozenset()),
}


def plan(state: State) -> Plan:
    desktop, dropped, on = _TABLE[state]
    settings = tuple(Setting(p, 1 if p in on else None) for p in POLICIES)
    return Plan(state, desktop, dropped, settings)


def dropping_rule(vk: int, flags: int, modifiers: Modifiers, state: State) -> KeyRule | None:
    """The rule that drops this key event in this state, if any. Called from the hook's
    callback: a few comparisons, no I/O (Windows drops a hook that takes over a second)."""
    alt = bool(flags & LLKHF_ALTDOWN)
    for rule in _checked_in[state]:
        if rule.matches(vk, alt, modifiers):
            return rule
    return None


def should_drop(vk: int, flags: int, modifiers: Modifiers, state: State) -> bool:
    return dropping_rule(vk, flags, modifiers, state) is not None


# Made once: the hook looks a state's plan up, it does not build it.
plan_of: dict[State, Plan] = {state: plan(state) for state in State}
# The most specific rule first: Ctrl+Shift+Esc is told from Ctrl+Esc.
_checked_in: dict[State, tuple[KeyRule, ...]] = {
    state: tuple(
        sorted(plan_of[state].dropped, key=lambda rule: -(rule.alt + rule.ctrl + rule.shift))
    )
    for state in State
}


def modifiers_after(modifiers: Modifiers, vk: int, flags: int) -> Modifiers:
    """The modifiers as the hook tracks them itself from the events it sees, for where
    GetAsyncKeyState is not to be trusted (keys pressed before the hook was installed show up
    as the next events anyway)."""
    down = not flags & LLKHF_UP
    if vk in (VK_CONTROL, VK_LCONTROL, VK_RCONTROL):
        return Modifiers(down, modifiers.shift, modifiers.win)
    if vk in (VK_SHIFT, VK_LSHIFT, VK_RSHIFT):
        return Modifiers(modifiers.ctrl, down, modifiers.win)
    if vk in (VK_LWIN, VK_RWIN):
        return Modifiers(modifiers.ctrl, modifiers.shift, down)
    return modifiers


@dataclass(frozen=True)
class Running:
    """A helper process (the lock UI or the keyboard hook) as the service last saw it."""

    alive: bool
    session: int | None  # the Windows session it runs in
    desktop: str | None


@dataclass(frozen=True)
class Action:
    stop: bool  # end the one running first
    start: bool


NO_CONSOLE_SESSION = 0xFFFFFFFF  # WTSGetActiveConsoleSessionId with nobody at the console


def supervise(running: Running, console_session: int, desktop: str) -> Action:
    """Whether the service (re)starts a helper: whenever it died, whenever the person at the
    console changed (sign-out, switch user), and on the desktop the plan wants (a process's
    windows cannot move to another desktop, so it is started anew there)."""
    if console_session == NO_CONSOLE_SESSION:
        return Action(stop=running.alive, start=False)
    if not running.alive:
        return Action(stop=False, start=True)
    if running.session != console_session or running.desktop != desktop:
        return Action(stop=True, start=True)
    return Action(stop=False, start=False)
