"""The Windows agent's table of what to block and when (netpoint.station_client.windows.policy),
with the key codes and flags Windows' low-level keyboard hook really delivers."""

import pytest

from netpoint.station_client.windows import policy
from netpoint.station_client.windows.hook import Guard
from netpoint.station_client.windows.policy import (
    LLKHF_ALTDOWN,
    LLKHF_INJECTED,
    LLKHF_UP,
    Modifiers,
    Running,
    State,
    plan,
    should_drop,
    supervise,
)

NONE = Modifiers()
CTRL = Modifiers(ctrl=True)
CTRL_SHIFT = Modifiers(ctrl=True, shift=True)
LOCKING = (State.STARTING, State.LOCKED)
OPEN = (State.MAINTENANCE, State.STOPPING)

# Real events: (virtual key, KBDLLHOOKSTRUCT.flags, modifiers down), by the rule they hit.
EVENTS = {
    "Win": [(0x5B, 0, NONE), (0x5C, 0x01, NONE)],  # left Win; right Win (extended)
    "Alt+Tab": [(0x09, LLKHF_ALTDOWN, NONE)],
    "Alt+Esc": [(0x1B, LLKHF_ALTDOWN, NONE)],
    "Ctrl+Esc": [(0x1B, 0, CTRL)],
    "Alt+F4": [(0x73, LLKHF_ALTDOWN, NONE)],
    "Alt+Space": [(0x20, LLKHF_ALTDOWN, NONE)],
    "Ctrl+Shift+Esc": [(0x1B, 0, CTRL_SHIFT)],
}


@pytest.mark.parametrize("state", LOCKING)
@pytest.mark.parametrize("rule", sorted(EVENTS))
def test_a_locked_station_drops_every_key_that_leaves_the_lock(rule, state):
    for vk, flags, modifiers in EVENTS[rule]:
        assert should_drop(vk, flags, modifiers, state), (rule, hex(vk))


def test_every_rule_of_the_table_is_hit_by_a_real_key_event():
    hit = {
        policy.dropping_rule(vk, flags, modifiers, State.LOCKED).name
        for events in EVENTS.values()
        for vk, flags, modifiers in events
    }
    assert hit == {rule.name for rule in policy.RULES}


def test_a_locked_station_lets_typing_through_for_the_member_login():
    for vk in (0x41, 0x5A, 0x30, 0x39, 0x0D, 0x08, 0x09, 0x1B):  # A Z 0 9 Enter Backspace Tab Esc
        assert not should_drop(vk, 0, NONE, State.LOCKED), hex(vk)


def test_a_locked_station_drops_the_win_key_on_its_way_up_too():
    assert should_drop(0x5B, LLKHF_UP, NONE, State.LOCKED)


def test_a_key_injected_by_a_program_is_dropped_like_a_typed_one():
    assert should_drop(0x09, LLKHF_ALTDOWN | LLKHF_INJECTED, NONE, State.LOCKED)


def test_alt_alone_or_with_a_letter_is_not_dropped_while_locked():
    assert not should_drop(0xA4, LLKHF_ALTDOWN, NONE, State.LOCKED)  # left Alt
    assert not should_drop(0x41, LLKHF_ALTDOWN, NONE, State.LOCKED)  # Alt+A


def test_during_a_session_the_customer_has_win_alt_tab_and_alt_f4():
    for vk, flags in ((0x5B, 0), (0x09, LLKHF_ALTDOWN), (0x73, LLKHF_ALTDOWN)):
        assert not should_drop(vk, flags, NONE, State.SESSION), hex(vk)


def test_during_a_session_task_manager_by_ctrl_shift_esc_stays_closed():
    assert should_drop(0x1B, 0, CTRL_SHIFT, State.SESSION)


@pytest.mark.parametrize("state", OPEN)
def test_maintenance_and_a_clean_stop_drop_no_key(state):
    for events in EVENTS.values():
        for vk, flags, modifiers in events:
            assert not should_drop(vk, flags, modifiers, state)


@pytest.mark.parametrize("state", list(State))
def test_every_state_sets_every_policy_so_nothing_depends_on_the_last_run(state):
    names = [setting.policy.name for setting in plan(state).settings]
    assert names == [p.name for p in policy.POLICIES]


def test_the_ctrl_alt_del_screen_offers_nothing_while_locked():
    values = {s.policy.name: s.value for s in plan(State.LOCKED).settings}
    assert values == {
        "DisableTaskMgr": 1,
        "DisableChangePassword": 1,
        "DisableLockWorkstation": 1,
        "HideFastUserSwitching": 1,
        "NoLogoff": 1,
    }


def test_a_restart_after_a_crash_closes_the_ctrl_alt_del_screen_before_the_point_answers():
    assert plan(State.STARTING).settings == plan(State.LOCKED).settings
    assert plan(State.STARTING).desktop == policy.LOCK_DESKTOP


def test_a_clean_stop_gives_windows_its_ctrl_alt_del_screen_back():
    assert all(s.value is None for s in plan(State.STOPPING).settings)


def test_maintenance_gives_the_technician_task_manager():
    values = {s.policy.name: s.value for s in plan(State.MAINTENANCE).settings}
    assert values["DisableTaskMgr"] is None


def test_the_policies_are_where_windows_reads_them():
    where = {p.name: (p.hive, p.key) for p in policy.POLICIES}
    system = r"Software\Microsoft\Windows\CurrentVersion\Policies\System"
    explorer = r"Software\Microsoft\Windows\CurrentVersion\Policies\Explorer"
    assert where == {
        "DisableTaskMgr": ("HKCU", system),
        "DisableChangePassword": ("HKCU", system),
        "DisableLockWorkstation": ("HKCU", system),
        "HideFastUserSwitching": ("HKLM", system),
        "NoLogoff": ("HKCU", explorer),
    }


def test_the_customers_policies_go_into_the_customers_own_hive():
    from netpoint.station_client.windows.policies import registry_path

    sid = "S-1-5-21-1-2-3-1001"
    task_manager, *_rest, switch_user, _sign_out = plan(State.LOCKED).settings
    assert registry_path(task_manager, sid) == (
        "HKEY_USERS",
        sid + r"\Software\Microsoft\Windows\CurrentVersion\Policies\System",
    )
    assert registry_path(switch_user, sid)[0] == "HKEY_LOCAL_MACHINE"


def test_the_lock_has_a_desktop_of_its_own_and_a_session_the_default_one():
    assert plan(State.LOCKED).desktop == "NetpointLock"
    assert plan(State.SESSION).desktop == "Default"
    assert plan(State.MAINTENANCE).desktop == "Default"


def test_the_state_follows_the_screen_and_the_points_word():
    assert policy.state_of(locked=True, maintenance=False, heard=False) is State.STARTING
    assert policy.state_of(locked=False, maintenance=False, heard=False) is State.STARTING
    assert policy.state_of(locked=True, maintenance=False, heard=True) is State.LOCKED
    assert policy.state_of(locked=False, maintenance=False, heard=True) is State.SESSION
    assert policy.state_of(locked=False, maintenance=True, heard=True) is State.MAINTENANCE


def test_the_hook_tracks_ctrl_and_shift_from_the_events_it_sees():
    after = policy.modifiers_after(NONE, 0xA2, 0)  # left Ctrl down
    after = policy.modifiers_after(after, 0xA1, 0)  # right Shift down
    assert after == CTRL_SHIFT
    assert policy.modifiers_after(after, 0xA2, LLKHF_UP) == Modifiers(shift=True)


def test_the_hook_follows_the_services_word():
    guard = Guard()
    guard.follow(["session\n", "stopping\n"])
    assert guard.state is State.STOPPING


def test_the_hook_holds_the_lock_when_the_service_is_gone():
    guard = Guard()
    guard.follow(["session\n"])  # then the pipe closes: the service died
    assert guard.state is State.LOCKED


def test_the_hook_ignores_a_word_it_does_not_know():
    guard = Guard(State.LOCKED)
    guard.follow(["unlocked-please\n", "locked\n", "x"])
    assert guard.state is State.LOCKED


def test_a_lock_ui_that_died_is_started_again():
    action = supervise(Running(False, None, None), 1, "NetpointLock")
    assert (action.stop, action.start) == (False, True)


def test_a_lock_ui_in_a_session_no_longer_at_the_console_is_moved_there():
    action = supervise(Running(True, 1, "NetpointLock"), 2, "NetpointLock")
    assert (action.stop, action.start) == (True, True)


def test_the_lock_ui_is_started_anew_on_the_desktop_the_plan_shows():
    action = supervise(Running(True, 1, "NetpointLock"), 1, "Default")
    assert (action.stop, action.start) == (True, True)


def test_a_running_lock_ui_where_it_should_be_is_left_alone():
    action = supervise(Running(True, 1, "NetpointLock"), 1, "NetpointLock")
    assert (action.stop, action.start) == (False, False)


def test_with_nobody_at_the_console_no_lock_ui_is_started():
    action = supervise(Running(False, None, None), policy.NO_CONSOLE_SESSION, "NetpointLock")
    assert not action.start
