"""{% meeting_when meeting %} and {% times_in_zones start end zone %}: a meeting's (or a session's)
times at the venue, in the venue's zone, with the viewer's own time beside them. The viewer's zone is
the account's setting when it is not UTC (the default); otherwise liaison.js fills it in from the
browser's zone (the data-local-time span), and nothing is shown when the two zones agree."""

from django import template

from liaison.meetings import times

register = template.Library()


def _viewer_zone(context) -> str | None:
    request = context.get("request")
    user = getattr(request, "user", None)
    name = getattr(user, "time_zone", "") if user is not None and user.is_authenticated else ""
    return name if name and name != "UTC" and times.zone(name) is not None else None


def _context(context, start, end, zone_name):
    viewer = _viewer_zone(context)
    return {
        "venue": times.span(start, end),
        "zone": zone_name,
        "viewer_zone": viewer if viewer != zone_name else None,
        "viewer": times.span(start, end, times.zone(viewer)) if viewer and viewer != zone_name else "",
        "start_utc": start.astimezone(times.UTC).isoformat(),
        "end_utc": end.astimezone(times.UTC).isoformat(),
    }


@register.inclusion_tag("meetings/when.html", takes_context=True)
def meeting_when(context, meeting):
    if meeting.all_day:
        return {"all_day": True, "dates": meeting.dates}
    return _context(context, meeting.starts_at, meeting.ends_at, meeting.time_zone)


@register.inclusion_tag("meetings/when.html", takes_context=True)
def times_in_zones(context, start, end, zone_name):
    """Any span of aware datetimes (a session's) at the venue, with the viewer's time."""
    if start is None or end is None:
        return {"all_day": True, "dates": ""}
    return _context(context, start, end, zone_name)
