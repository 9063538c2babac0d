"""The WSGI entry point for gunicorn and other servers: `gunicorn lms.wsgi:app`."""
from lms import create_app

app = create_app()
