import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Make sure a local editor account exists. Takes NEWSROOM_EDITOR_USERNAME and "
        "NEWSROOM_EDITOR_PASSWORD from the environment; otherwise makes up a password "
        "and prints it once. An existing account is left as it is."
    )

    def handle(self, *args, **options):
        User = get_user_model()
        username = os.environ.get("NEWSROOM_EDITOR_USERNAME") or "editor"
        if User.objects.filter(username=username).exists():
            self.stdout.write(
                f"Editor account “{username}” already exists. Forgot its password? "
                f"python manage.py changepassword {username}"
            )
            return
        password = os.environ.get("NEWSROOM_EDITOR_PASSWORD") or secrets.token_urlsafe(
            12
        )
        User.objects.create_superuser(username=username, email="", password=password)
        self.stdout.write(
            self.style.SUCCESS(
                "Editor account created. Log in at http://127.0.0.1:8000/admin/ with\n"
                f"  username: {username}\n  password: {password}\n"
                "(shown only now)."
            )
        )
