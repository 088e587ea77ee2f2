"""The one shape of app settings: defaults in the app's conf.py, a partial dict overrides them."""

from dataclasses import dataclass, fields

import pytest
from django.core.exceptions import ImproperlyConfigured

from netpoint.common.core.appsettings import AppSettings, law, sources
from netpoint.common.core.checks import app_settings
from netpoint.common.core.doors import opened


@dataclass(frozen=True)
class Sample:
    days: int = law(30, "Thông tư mẫu, Điều 1")
    wait_seconds: float = 2.0
    channels: tuple[str, ...] = ("sms", "call")
    hours: dict = law({"sms": ("07:00", "22:00")}, "Nghị định mẫu, Điều 2")
    label: str = "[QC]"
    strict: bool = True


SAMPLE = AppSettings(Sample, "NETPOINT_SAMPLE")


def test_without_an_override_the_defaults_are_read(settings):
    assert SAMPLE() == Sample()
    settings.NETPOINT_SAMPLE = {}
    assert SAMPLE().days == 30 and SAMPLE().hours == {"sms": ("07:00", "22:00")}


def test_a_partial_override_changes_only_what_it_names(settings):
    settings.NETPOINT_SAMPLE = {"days": 60, "channels": ["sms"], "wait_seconds": 1}
    read = SAMPLE()
    assert (read.days, read.channels, read.wait_seconds) == (60, ("sms",), 1.0)
    assert (read.label, read.strict, read.hours) == ("[QC]", True, {"sms": ("07:00", "22:00")})


def test_each_read_sees_the_override_in_force(settings):
    settings.NETPOINT_SAMPLE = {"days": 60}
    first = SAMPLE()
    assert SAMPLE() is first  # the same override: not rebuilt
    settings.NETPOINT_SAMPLE = {"days": 90}
    assert SAMPLE().days == 90
    del settings.NETPOINT_SAMPLE
    assert SAMPLE().days == 30


def test_an_unknown_key_is_refused_by_name(settings):
    settings.NETPOINT_SAMPLE = {"day": 60}
    with pytest.raises(ImproperlyConfigured, match="NETPOINT_SAMPLE has no setting 'day'"):
        SAMPLE()


@pytest.mark.parametrize(
    "override",
    [{"days": "60"}, {"days": 1.5}, {"strict": 1}, {"channels": "sms"}, {"hours": []}],
)
def test_a_value_of_another_kind_is_refused(settings, override):
    settings.NETPOINT_SAMPLE = override
    key = next(iter(override))
    with pytest.raises(ImproperlyConfigured, match=rf"NETPOINT_SAMPLE\['{key}'\]"):
        SAMPLE()


def test_an_override_that_is_not_a_dict_is_refused(settings):
    settings.NETPOINT_SAMPLE = 60
    with pytest.raises(ImproperlyConfigured, match="must be a dict"):
        SAMPLE()


def test_defaults_from_law_name_their_source():
    assert sources(Sample) == {"days": "Thông tư mẫu, Điều 1", "hours": "Nghị định mẫu, Điều 2"}


def test_a_mutable_default_is_not_shared_between_instances():
    assert Sample().hours is not Sample().hours


def readers():
    found = []
    for module in opened("conf"):
        found += [(module.__name__, r) for r in vars(module).values() if isinstance(r, AppSettings)]
    return found


def test_every_app_conf_has_a_reader_and_every_law_default_its_source():
    assert {module for module, _reader in readers()} == {m.__name__ for m in opened("conf")}
    names = {reader.name for _module, reader in readers()}
    assert {"NETPOINT_POLICY", "NETPOINT_STATION", "NETPOINT_RETENTION_DAYS"} <= names
    for _module, reader in readers():
        for name, source in sources(reader.shape).items():
            assert source.strip(), f"{reader.name}[{name!r}] comes from law without a source"


def test_every_app_conf_takes_a_partial_override_and_refuses_a_typo(settings):
    for _module, reader in readers():
        first = fields(reader.shape)[0].name
        default = getattr(reader.defaults, first)
        setattr(settings, reader.name, {first: default})
        assert reader() == reader.defaults
        setattr(settings, reader.name, {first + "_typo": default})
        with pytest.raises(ImproperlyConfigured, match=f"{reader.name} has no setting"):
            reader()
        delattr(settings, reader.name)


def test_the_system_check_names_a_typo_at_start(settings):
    assert app_settings(None) == []
    settings.NETPOINT_POLICY = {"minor_daily_minute": 120}
    (error,) = app_settings(None)
    assert error.id == "netpoint.E002" and "'minor_daily_minute'" in error.msg
