# The Newsroom web image: gunicorn serving Django, static files by WhiteNoise.
FROM python:3.13-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=newsroom.settings.production

WORKDIR /app
# pg_dump / pg_restore for manage.py backup and restore (a client newer than the server is fine).
RUN apt-get update && apt-get install -y --no-install-recommends postgresql-client \
    && rm -rf /var/lib/apt/lists/*
COPY pyproject.toml requirements.lock README.md ./
COPY newsroom ./newsroom
COPY articles ./articles
COPY people ./people
RUN pip install --no-cache-dir -c requirements.lock .
COPY . .
# collectstatic and compile_translations need settings to import; the key is a throwaway used
# only for this step.
RUN export SECRET_KEY=collectstatic-only-not-a-real-key-0123456789abcdefghijklmnop \
    && python manage.py compile_translations && python manage.py collectstatic --noinput
RUN useradd --create-home newsroom && mkdir -p /app/var/media /app/var/static /app/var/backups && chown -R newsroom /app/var
USER newsroom
EXPOSE 8000
# Workers, bind address and preload come from gunicorn.conf.py.
CMD ["gunicorn", "newsroom.wsgi:application"]
