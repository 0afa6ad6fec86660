"""E-mail notifications of the workspace: immediately, as a daily digest, or not at all, as each
member chooses per group. Every e-mail carries an unsubscribe link that works without login, once."""

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from liaison.core import languages, mail
from liaison.groups.access import current_member_user_ids
from liaison.groups.models import Group

from .models import Mode, Post, Subscription, new_nonce

SALT = "liaison.unsubscribe"


class LinkRefused(Exception):
    pass


def subscription(user, group) -> Subscription:
    return Subscription.objects.get_or_create(user=user, group=group)[0]


def subscribers(group, mode):
    """Subscriptions of current members of ``group`` with an account, in ``mode``. Members who have
    never chosen get the default subscription first (one insert for all of them)."""
    users = current_member_user_ids(group)
    known = set(Subscription.objects.filter(group=group, user_id__in=users).values_list("user_id", flat=True))
    Subscription.objects.bulk_create([Subscription(user_id=u, group=group) for u in users - known], ignore_conflicts=True)
    return Subscription.objects.filter(group=group, mode=mode, user_id__in=users).select_related("user", "group")


def unsubscribe_link(sub) -> str:
    token = signing.dumps({"s": sub.pk, "n": sub.nonce}, salt=SALT, compress=True)
    return f"{settings.SITE_URL}/unsubscribe/{token}/"


def check(token, lock=False) -> Subscription:
    try:
        data = signing.loads(token, salt=SALT)
        rows = Subscription.objects.select_for_update() if lock else Subscription.objects
        sub = rows.select_related("group").get(pk=data["s"])
    except (signing.BadSignature, Subscription.DoesNotExist, KeyError, TypeError):
        raise LinkRefused(_("This unsubscribe link is not valid.")) from None
    if sub.nonce != data["n"]:
        raise LinkRefused(_("This unsubscribe link was already used; your current choice stays as it is."))
    return sub


@transaction.atomic
def unsubscribe(token) -> Subscription:
    sub = check(token, lock=True)
    sub.mode = Mode.NONE
    sub.nonce = new_nonce()  # the link works once
    sub.save(update_fields=["mode", "nonce"])
    return sub


def _send(sub, name, context, attachment=None):
    """The e-mail ``workspace/email/<name>`` to one subscriber, with the unsubscribe footer and header."""
    link = unsubscribe_link(sub)
    message = mail.message(f"workspace/email/{name}", {"group": sub.group, "unsubscribe": link, **context}, [sub.user.email],
                           language=languages.of_user(sub.user), headers={"List-Unsubscribe": f"<{link}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"})  # RFC 8058
    if attachment:
        message.attach(*attachment)
    message.send()


def invite_to_call(call, ics: bytes) -> int:
    """An iCalendar invitation to every member who has not turned e-mails off, in their time zone."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    sent = 0
    for mode in (Mode.IMMEDIATE, Mode.DIGEST):
        for sub in subscribers(call.group, mode):
            try:
                zone = ZoneInfo(sub.user.time_zone or "UTC")
            except (ZoneInfoNotFoundError, ValueError):
                zone = ZoneInfo("UTC")
            _send(sub, "teleconference", {"call": call, "zone": zone.key},
                  ("teleconference.ics", ics, "text/calendar; method=REQUEST"))
            sent += 1
    return sent


def on_post(post):
    """Immediate e-mails for a new post, to everyone who chose them except its author."""
    group = post.discussion.group
    for sub in subscribers(group, Mode.IMMEDIATE):
        if sub.user_id != post.author_id:
            _send(sub, "post", {"post": post})


def send_digests(now=None) -> int:
    """One e-mail per digest subscriber with exactly the visible posts since their last digest."""
    now = now or timezone.now()
    sent = 0
    groups = Group.objects.filter(discussions__posts__isnull=False).distinct()  # no posts, no digest
    for sub in (sub for group in groups for sub in subscribers(group, Mode.DIGEST)):
        posts = list(Post.objects.filter(discussion__group=sub.group, hidden=False, created__gt=sub.last_digest_at, created__lte=now)
                     .exclude(author=sub.user).select_related("discussion", "author"))
        if posts:
            _send(sub, "digest", {"posts": posts})
            sent += 1
        sub.last_digest_at = now
        sub.save(update_fields=["last_digest_at"])
    return sent


def remind_overdue_actions(today=None) -> int:
    """E-mail the owner of each open action past its due date, at most once a day per action."""
    from .models import Action, ActionStatus

    today = today or timezone.localdate()
    count = 0
    overdue = Action.objects.filter(status=ActionStatus.OPEN, due__lt=today).exclude(last_reminded=today).select_related("owner", "group")
    for action in overdue:
        if action.owner.email:
            mail.send("workspace/email/overdue_action", {"action": action}, [action.owner.email],
                      language=action.owner.correspondence_language)
            action.last_reminded = today
            action.save(update_fields=["last_reminded"])
            count += 1
    return count
