"""E-mail notifications of the workspace: immediately, as a daily digest, or not at all, as each
member chooses per group. Every e-mail carries an unsubscribe link that works without login, once."""

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

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
        raise LinkRefused("This unsubscribe link is not valid.") from None
    if sub.nonce != data["n"]:
        raise LinkRefused("This unsubscribe link was already used; your current choice stays as it is.")
    return sub


@transaction.atomic
def unsubscribe(token) -> Subscription:
    sub = check(token, lock=True)
    sub.mode = Mode.NONE
    sub.nonce = new_nonce()  # the link works once
    sub.save(update_fields=["mode", "nonce"])
    return sub


def _send(sub, subject, body, attachment=None):
    link = unsubscribe_link(sub)
    footer = (f"\n\n--\nYou receive this as a member of the {sub.group}. To receive no more e-mails from its "
              f"workspace, open: {link}\nTo choose a daily digest instead: {settings.SITE_URL}/groups/{sub.group.slug}/workspace/preferences/")
    message = EmailMessage(subject, body + footer, settings.DEFAULT_FROM_EMAIL, [sub.user.email],
                           headers={"List-Unsubscribe": f"<{link}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"})  # RFC 8058
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
            local = call.starts_at.astimezone(zone)
            body = (f"Teleconference of the {call.group}: {call.title}\n{local:%A %d %B %Y, %H:%M} ({zone.key}), "
                    f"{call.minutes} minutes.\nJoin: {call.join_link}\n{call.notes}".rstrip())
            _send(sub, f"[{call.group.acronym or call.group.name}] Teleconference: {call.title}", body,
                  ("teleconference.ics", ics, "text/calendar; method=REQUEST"))
            sent += 1
    return sent


def _post_text(post):
    name = (post.author.get_full_name() or post.author.email) if post.author else "(former member)"
    return f"{name} in “{post.discussion.title}” ({timezone.localtime(post.created):%d %b %Y %H:%M}):\n{post.body}\n" \
           f"{settings.SITE_URL}/groups/{post.discussion.group.slug}/workspace/discussions/{post.discussion_id}/#post-{post.pk}"


def on_post(post):
    """Immediate e-mails for a new post, to everyone who chose them except its author."""
    group = post.discussion.group
    for sub in subscribers(group, Mode.IMMEDIATE):
        if sub.user_id != post.author_id:
            _send(sub, f"[{group.acronym or group.name}] {post.discussion.title}", _post_text(post))


def send_digests(now=None) -> int:
    """One e-mail per digest subscriber with exactly the visible posts since their last digest."""
    now = now or timezone.now()
    sent = 0
    groups = Group.objects.filter(discussions__posts__isnull=False).distinct()  # no posts, no digest
    for sub in (sub for group in groups for sub in subscribers(group, Mode.DIGEST)):
        posts = list(Post.objects.filter(discussion__group=sub.group, hidden=False, created__gt=sub.last_digest_at, created__lte=now)
                     .exclude(author=sub.user).select_related("discussion", "author"))
        if posts:
            body = f"{len(posts)} new post(s) in the workspace of the {sub.group}:\n\n" + "\n\n".join(_post_text(p) for p in posts)
            _send(sub, f"[{sub.group.acronym or sub.group.name}] Daily digest: {len(posts)} new post(s)", body)
            sent += 1
        sub.last_digest_at = now
        sub.save(update_fields=["last_digest_at"])
    return sent
