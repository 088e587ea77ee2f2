"""What a system test needs from the machine: missing, it skips; under `make test`
(NETPOINT_REQUIRE_SYSTEM_TESTS=1) it fails instead, so a missing part is never a quiet pass."""

import os
import shutil

import pytest


def missing(reason: str) -> None:
    if os.environ.get("NETPOINT_REQUIRE_SYSTEM_TESTS") == "1":
        pytest.fail(f"required for make test: {reason}")
    pytest.skip(reason)


def require_root() -> None:
    if os.geteuid() != 0:
        missing("needs root")


def require_programs(*names: str) -> None:
    absent = [name for name in names if shutil.which(name) is None]
    if absent:
        missing(f"not installed: {', '.join(absent)}")
