from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.conf import settings
from django.utils import timezone

from liaison.workspace.models import Action, ActionStatus


class Command(BaseCommand):
    help = "E-mail the owners of overdue follow-up actions (at most once a day per action)."

    def handle(self, *args, **options):
        today = timezone.localdate()
        count = 0
        for action in Action.objects.filter(status=ActionStatus.OPEN, due__lt=today).exclude(last_reminded=today).select_related("owner", "group"):
            if action.owner.email:
                send_mail(f"[{action.group.acronym or action.group.name}] Overdue: {action.title}",
                          f"Dear {action.owner.formal_name},\n\nThe follow-up action “{action.title}” was due on {action.due:%d %B %Y}.\n"
                          f"{settings.SITE_URL}/groups/{action.group.slug}/workspace/actions/\n",
                          settings.DEFAULT_FROM_EMAIL, [action.owner.email])
                action.last_reminded = today
                action.save(update_fields=["last_reminded"])
                count += 1
        self.stdout.write(f"{count} reminder(s) sent.")
