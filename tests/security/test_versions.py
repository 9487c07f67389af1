"""Version floors: no Django or Pillow release with known holes, and no bleach (unmaintained)."""

import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[2]
FLOORS = {"django": Version("6.1.3"), "pillow": Version("13.0.0")}
# The newest release each floor shuts out.
JUST_BELOW = {"django": Version("6.1.2"), "pillow": Version("12.2.0")}


def declared() -> dict[str, Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    requirements = [Requirement(line) for line in project["dependencies"]]
    for extra in project.get("optional-dependencies", {}).values():
        requirements += [Requirement(line) for line in extra]
    return {requirement.name.lower(): requirement for requirement in requirements}


def pinned() -> dict[str, Version]:
    pins = {}
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        if "==" in line and not line.startswith("#"):
            name, version = line.split("==")
            pins[name.strip().lower()] = Version(version.strip())
    return pins


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_pyproject_admits_no_release_below_the_floor(name):
    specifier = declared()[name].specifier
    below = JUST_BELOW[name]
    assert not specifier.contains(below), f"{name}{specifier} still admits {below}"
    assert specifier.contains(FLOORS[name])


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_installed_and_pinned_versions_are_at_least_the_floor(name):
    assert Version(metadata.version(name)) >= FLOORS[name]
    assert pinned()[name] >= FLOORS[name]


def test_bleach_is_neither_declared_nor_installed():
    assert "bleach" not in declared() and "bleach" not in pinned()
    with pytest.raises(metadata.PackageNotFoundError):
        metadata.version("bleach")
