"""MEDIA_STORAGE=s3: photos go to an S3 API (moto's server on loopback) and come back from it."""

import urllib.request
import uuid

import boto3
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.urls import reverse
from moto.server import ThreadedMotoServer

from articles.models import Photo
from articles.services import article_publish
from newsroom.ops.backup import verify_backup
from newsroom.settings.environment import media_storage_from_env
from tests.admin_forms import form_data
from tests.factories import image_upload, make_draft, make_user

from .test_settings import production_env, run_manage

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def s3_endpoint():
    """A real S3 API over HTTP on a free loopback port, for this module's tests."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


def s3_environment(monkeypatch, endpoint: str, bucket: str) -> None:
    for name, value in {
        "MEDIA_STORAGE": "s3",
        "AWS_STORAGE_BUCKET_NAME": bucket,
        "AWS_S3_ENDPOINT_URL": endpoint,
        "AWS_S3_REGION_NAME": "us-east-1",
        "AWS_S3_ADDRESSING_STYLE": "path",
        "AWS_ACCESS_KEY_ID": "newsroom-test",
        "AWS_SECRET_ACCESS_KEY": "newsroom-test-secret",
    }.items():
        monkeypatch.setenv(name, value)


@pytest.fixture
def s3_bucket(s3_endpoint, monkeypatch, settings):
    """A fresh bucket, and the default storage configured from the environment to use it."""
    bucket = f"newsroom-{uuid.uuid4().hex[:12]}"
    s3_environment(monkeypatch, s3_endpoint, bucket)
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1")
    client.create_bucket(Bucket=bucket)
    storage, _origins = media_storage_from_env()
    settings.STORAGES = {**settings.STORAGES, "default": storage}
    return client, bucket


def bucket_object(client, bucket: str, key: str) -> bytes:
    return client.get_object(Bucket=bucket, Key=key)["Body"].read()


def upload_photo_through_the_admin(client) -> Photo:
    article = make_draft()
    client.force_login(make_user("superuser"))
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = form_data(client.get(url).text)
    data.update(
        {
            "photos-TOTAL_FORMS": "1",
            "photos-0-image": image_upload(size=(1200, 800)),
            "photos-0-caption": "修缮后的老房子",
            "photos-0-order": "0",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    return Photo.objects.get(article=article)


def test_admin_upload_lands_in_the_bucket_with_renditions_and_reads_back(
    client, s3_bucket, settings
):
    s3, bucket = s3_bucket
    photo = upload_photo_through_the_admin(client)
    with photo.image.open("rb") as stored:
        data = stored.read()
    assert data[:3] == b"\xff\xd8\xff" or data[:8] == b"\x89PNG\r\n\x1a\n"
    assert bucket_object(s3, bucket, photo.image.name) == data
    assert set(photo.renditions) == {"480", "960"}
    for name in photo.renditions.values():
        assert bucket_object(s3, bucket, name)
    assert not (settings.MEDIA_ROOT / photo.image.name).exists()
    url = photo.image.url
    assert url.startswith(f"{s3.meta.endpoint_url}/{bucket}/")
    with urllib.request.urlopen(url, timeout=5) as answer:  # noqa: S310 - loopback moto server
        assert answer.read() == data


def test_public_page_links_photos_on_s3(client, s3_bucket):
    s3, bucket = s3_bucket
    photo = upload_photo_through_the_admin(client)
    article = photo.article
    article.body = [{"kind": "paragraph", "text": "第一段。"}, {"kind": "image", "photo": photo.pk}]
    article.save()
    article_publish(article=article, user=None)
    client.logout()
    page = client.get(article.get_absolute_url()).text
    assert f'src="{s3.meta.endpoint_url}/{bucket}/{photo.image.name}' in page
    assert f"{s3.meta.endpoint_url}/{bucket}/{photo.renditions['480']}" in page


def test_readyz_checks_the_bucket(client, s3_bucket, s3_endpoint, monkeypatch, settings):
    response = client.get("/readyz")
    assert response.status_code == 200, response.content
    assert response.json()["checks"]["storage"]["ok"] is True
    s3_environment(monkeypatch, s3_endpoint, "no-such-bucket")
    settings.STORAGES = {**settings.STORAGES, "default": media_storage_from_env()[0]}
    response = client.get("/readyz")
    assert response.status_code == 503
    assert "NoSuchBucket" in response.json()["checks"]["storage"]["error"]


@pytest.mark.django_db(transaction=True)
def test_backup_takes_the_media_from_the_bucket(client, s3_bucket, tmp_path):
    photo = upload_photo_through_the_admin(client)
    call_command("backup", str(tmp_path), verbosity=0)
    (archive,) = tmp_path.glob("newsroom-*.tar")
    files = verify_backup(archive)["files"]
    assert f"media/{photo.image.name}" in files
    assert f"media/{photo.renditions['960']}" in files
    assert default_storage.exists(photo.image.name)


def test_s3_storage_needs_a_bucket_and_a_known_kind(monkeypatch):
    monkeypatch.setenv("MEDIA_STORAGE", "s3")
    monkeypatch.delenv("AWS_STORAGE_BUCKET_NAME", raising=False)
    with pytest.raises(ImproperlyConfigured, match="AWS_STORAGE_BUCKET_NAME"):
        media_storage_from_env()
    monkeypatch.setenv("MEDIA_STORAGE", "ftp")
    with pytest.raises(ImproperlyConfigured, match="ftp"):
        media_storage_from_env()
    monkeypatch.delenv("MEDIA_STORAGE")
    storage, origins = media_storage_from_env()
    assert storage["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert origins == []


def test_production_settings_read_s3_from_the_environment_and_allow_its_images(tmp_path):
    code = (
        "from django.conf import settings as s; "
        "print(s.STORAGES['default']['BACKEND'], s.STORAGES['default']['OPTIONS']['bucket_name'],"
        " s.SECURE_CSP['img-src'])"
    )
    env = production_env(
        tmp_path,
        MEDIA_STORAGE="s3",
        AWS_STORAGE_BUCKET_NAME="paper-photos",
        AWS_S3_CUSTOM_DOMAIN="img.example.com",
    )
    result = run_manage("shell", "--no-imports", "-c", code, **env)
    assert "storages.backends.s3.S3Storage paper-photos" in result.stdout, result.stderr
    assert "https://img.example.com" in result.stdout
