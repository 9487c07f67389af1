"""docker-compose.yml, .env.example and the README agree with what the settings read."""

import os
import re
import runpy
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
SETTINGS_DIR = ROOT / "newsroom" / "settings"


def variables_read_by_settings() -> set[str]:
    pattern = re.compile(r'env_(?:str|bool|list)\("([A-Z0-9_]+)"')
    return {
        name for path in SETTINGS_DIR.glob("*.py") for name in pattern.findall(path.read_text())
    }


def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_settings_read_the_documented_variables():
    assert {"DATABASE_URL", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "REDIS_URL", "MEDIA_ROOT"} <= (
        variables_read_by_settings()
    )


def test_every_variable_is_documented_in_env_example_and_readme():
    example = (ROOT / ".env.example").read_text()
    readme = (ROOT / "README.md").read_text()
    documented = set(re.findall(r"^([A-Z0-9_]+)=", example, flags=re.MULTILINE))
    for name in variables_read_by_settings():
        assert name in documented, f"{name} missing from .env.example"
        assert f"`{name}`" in readme, f"{name} missing from README"


def test_compose_has_database_cache_and_web():
    services = compose()["services"]
    assert set(services) == {"db", "redis", "web", "worker", "proxy"}
    assert services["db"]["image"].startswith("postgres:16")
    assert "healthcheck" in services["db"]
    assert any(v.startswith("pgdata:") for v in services["db"]["volumes"])
    assert any(v.startswith("media:") for v in services["web"]["volumes"])


def test_compose_worker_runs_the_task_worker_from_the_web_image_and_settings():
    services = compose()["services"]
    worker, web = services["worker"], services["web"]
    assert worker["build"] == web["build"]
    assert worker["command"][:3] == ["python", "manage.py", "db_worker"]
    assert worker["environment"] == web["environment"]
    assert worker["depends_on"]["web"]["condition"] == "service_healthy"


def test_compose_keeps_backups_in_a_volume_and_the_image_has_pg_dump():
    web = compose()["services"]["web"]
    mounts = dict(v.split(":", 1) for v in web["volumes"])
    assert "backups" in compose()["volumes"]
    assert mounts["backups"] in (ROOT / "README.md").read_text()
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "postgresql-client" in dockerfile
    assert mounts["backups"] in dockerfile


def test_compose_proxy_serves_media_and_static_from_the_web_volumes():
    services = compose()["services"]
    web_mounts = dict(v.split(":", 1) for v in services["web"]["volumes"])
    proxy_mounts = dict(v.split(":")[:2] for v in services["proxy"]["volumes"])
    caddyfile = (ROOT / "deploy" / "Caddyfile").read_text()
    assert "./deploy/Caddyfile" in proxy_mounts
    for volume, prefix in (("media", "/media/*"), ("static", "/static/*")):
        assert web_mounts[volume] == services["web"]["environment"][f"{volume.upper()}_ROOT"]
        served_from = proxy_mounts[volume]
        assert re.search(
            rf"handle_path {re.escape(prefix)} {{\s*root \* {served_from}\s", caddyfile
        )
    assert "reverse_proxy web:8000" in caddyfile


def test_compose_keeps_https_and_checks_health():
    services = compose()["services"]
    assert "SECURE_SSL_REDIRECT" not in services["web"]["environment"]
    for name in ("db", "redis", "web", "proxy"):
        assert "healthcheck" in services[name], name
    assert "/readyz" in " ".join(services["web"]["healthcheck"]["test"])
    assert services["proxy"]["depends_on"]["web"]["condition"] == "service_healthy"
    assert "127.0.0.1" in services["web"]["environment"]["ALLOWED_HOSTS"]
    assert "manage.py createsuperuser" in (ROOT / "README.md").read_text()


def test_compose_web_environment_matches_settings():
    web = compose()["services"]["web"]
    names = set(web["environment"])
    # boto3 reads the S3 credentials itself.
    boto3_credentials = {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"}
    known = variables_read_by_settings() | {"DJANGO_SETTINGS_MODULE"} | boto3_credentials
    assert names <= known, f"unknown variables: {names - known}"
    assert {"DATABASE_URL", "SECRET_KEY", "REDIS_URL", "ALLOWED_HOSTS", "MEDIA_ROOT"} <= names
    assert web["environment"]["DJANGO_SETTINGS_MODULE"] == "newsroom.settings.production"
    db = compose()["services"]["db"]["environment"]
    url = web["environment"]["DATABASE_URL"]
    assert url == (
        f"postgres://{db['POSTGRES_USER']}:{db['POSTGRES_PASSWORD']}@db:5432/{db['POSTGRES_DB']}"
    )


def test_compose_web_migrates_loads_sources_and_serves_with_gunicorn():
    command = " ".join(compose()["services"]["web"]["command"].split())
    steps = [
        "manage.py migrate",
        # Published at once, as `make setup` does: a new site shows the paper, not an empty page.
        "manage.py load_sources --status published",
        "gunicorn newsroom.wsgi:application",
    ]
    positions = [command.index(step) for step in steps]
    assert positions == sorted(positions)
    assert web_media_root_matches_volume()


def web_media_root_matches_volume() -> bool:
    web = compose()["services"]["web"]
    mount = next(v for v in web["volumes"] if v.startswith("media:")).split(":", 1)[1]
    return web["environment"]["MEDIA_ROOT"] == mount


def make_target(name: str) -> list[str]:
    """The recipe lines of one Makefile target."""
    lines = (ROOT / "Makefile").read_text().splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"{name}:"))
    recipe = []
    for line in lines[start + 1 :]:
        if not line.startswith("\t"):
            break
        recipe.append(line.strip())
    return recipe


def test_make_setup_loads_the_seed_published_so_a_newcomer_sees_the_paper():
    # The loader's default is 待校对 (hidden until proofread); `make run` must not start empty.
    assert "$(PY) manage.py load_sources --status published" in make_target("setup")


def test_gunicorn_config_sizes_workers_from_the_cpus_and_preloads(monkeypatch):
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    config = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert config["workers"] == 2 * len(os.sched_getaffinity(0)) + 1
    assert config["preload_app"] is True
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    assert runpy.run_path(str(ROOT / "gunicorn.conf.py"))["workers"] == 3
