"""scripts/find-python picks a Python >= 3.12 the way a user's machine offers one."""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "find-python"


def fake_python(folder: Path, name: str, version: tuple[int, int]) -> Path:
    """A stand-in interpreter that reports the given version to the script's probe."""
    path = folder / name
    path.write_text(
        "#!/bin/sh\n"
        f'if [ "$1" = "-c" ]; then case "$2" in *executable*) echo {path};; '
        f"*) exit {0 if version >= (3, 12) else 1};; esac; fi\n"
    )
    path.chmod(0o755)
    return path


def run(env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - a fixed argument list of our own, no shell
        ["/bin/sh", str(SCRIPT)], env=env, capture_output=True, text=True, timeout=30
    )


def base_env(tmp_path: Path, path_dirs: list[Path]) -> dict:
    return {
        "PATH": ":".join([*map(str, path_dirs), "/usr/bin", "/bin"]),
        "HOME": str(tmp_path),
        "PYENV_ROOT": str(tmp_path / "no-pyenv"),
    }


def test_explicit_python_variable_wins(tmp_path):
    env = {**base_env(tmp_path, []), "PYTHON": sys.executable}
    result = run(env)
    assert result.returncode == 0
    assert Path(result.stdout.strip()).resolve() == Path(sys.executable).resolve()


def test_explicit_python_that_is_too_old_is_refused(tmp_path):
    old = fake_python(tmp_path, "python3", (3, 11))
    result = run({**base_env(tmp_path, []), "PYTHON": str(old)})
    assert result.returncode == 1
    assert "3.12" in result.stderr


def test_skips_a_failing_shim_and_an_old_python3_for_pyenv_versions(tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "python3.13").write_text("#!/bin/sh\nexit 127\n")  # a pyenv shim not selected
    (bin_dir / "python3.13").chmod(0o755)
    fake_python(bin_dir, "python3", (3, 11))
    pyenv_bin = tmp_path / "pyenv" / "versions" / "3.13.0" / "bin"
    pyenv_bin.mkdir(parents=True)
    good = fake_python(pyenv_bin, "python3", (3, 13))
    env = {**base_env(tmp_path, [bin_dir]), "PYENV_ROOT": str(tmp_path / "pyenv")}
    result = run(env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(good)


def test_says_clearly_when_there_is_no_suitable_python(tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake_python(bin_dir, "python3", (3, 11))
    # Only the basic tools the script uses, so the machine's real Pythons stay out of reach.
    for tool in ("ls", "sort", "cat"):
        (bin_dir / tool).symlink_to(shutil.which(tool))
    result = run({**base_env(tmp_path, []), "PATH": str(bin_dir)})
    assert result.returncode == 1
    assert "No Python 3.12 or newer was found" in result.stderr
