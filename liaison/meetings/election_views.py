"""Elections of a meeting's officers, as OpenSlides runs them: the secretariat's page (open an
election, nominate, open the vote, count a show of hands or close a secret ballot, publish) and the
participants' page (nominate, vote once in a secret ballot, see the results). Every change goes
through services.py; these views parse input, say what happened and show the page again."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from liaison.core.concurrency import VersionConflict
from liaison.core.decorators import secretariat_required

from . import access, services
from .models import BallotCast, BallotMethod, Candidate, Election, Majority, Meeting, Office, Participant

def _elections(meeting, rows=None):
    rows = (meeting.elections.all() if rows is None else rows).prefetch_related(
        "candidates__participant__person", "candidates__nominated_by__person")
    rows = rows.select_related("elected__person")
    voted = dict(BallotCast.objects.filter(election__meeting=meeting).values("election").annotate(n=Count("id"))
                 .values_list("election", "n"))
    elections = list(rows)
    for election in elections:
        election.voted = voted.get(election.pk, 0) if election.method == BallotMethod.SECRET else None
    return elections


def _int(value, what):
    try:
        number = int((value or "").strip())
    except ValueError:
        raise services.Refused(_("%(what)s: give a whole number.") % {"what": what}) from None
    if number < 0:
        raise services.Refused(_("%(what)s: give a whole number.") % {"what": what})
    return number


def _manage_action(meeting, post):
    """Do what the secretariat's form asks; returns the message to show."""
    action = post.get("action", "")
    if action == "create":
        office, method, majority = post.get("office", ""), post.get("method", ""), post.get("majority", "")
        if office not in Office.values or method not in BallotMethod.values or majority not in Majority.values:
            raise services.Refused(_("Choose the office, the ballot and the majority."))
        services.create_election(meeting, office, method, majority)
        return _("Nominations are open.")
    election = get_object_or_404(Election, pk=_int(post.get("election"), _("Election")), meeting=meeting)
    version = post.get("version") or None
    if action == "nominate":
        participant = get_object_or_404(Participant, pk=_int(post.get("participant"), _("Candidate")), meeting=meeting)
        services.nominate(election, participant)
        return _("New candidate: %(name)s.") % {"name": participant.person.formal_name}
    if action == "withdraw":
        services.withdraw(get_object_or_404(Candidate, pk=_int(post.get("candidate"), _("Candidate")), election=election))
        return _("The candidacy is withdrawn.")
    if action == "open":
        services.open_voting(election, version)
        return _("The vote is open.")
    if action == "close":
        counts, abstentions = None, None
        if election.method == BallotMethod.SHOW_OF_HANDS:
            counts = {c.pk: _int(post.get(f"votes-{c.pk}"), _("Votes for %(name)s") % {"name": c.participant.person.formal_name})
                      for c in election.candidates.select_related("participant__person")}
            abstentions = _int(post.get("abstentions"), _("Abstentions"))
        election = services.close_election(election, version, counts, abstentions, services.entered_date(post.get("on")))
        return election.outcome_text
    if action == "again":
        services.new_ballot(election, version)
        return _("Another ballot is open.")
    if action == "publish":
        services.publish_election(election, version)
        return _("The results are published.")
    raise services.Refused(_("Unknown action."))


@secretariat_required
@require_http_methods(["GET", "POST"])
def manage(request, pk):
    meeting = get_object_or_404(Meeting.objects.select_related("group"), pk=pk)
    if request.method == "POST":
        try:
            messages.success(request, _manage_action(meeting, request.POST))
        except services.Refused as refused:
            for problem in refused.problems:
                messages.error(request, problem)
        except VersionConflict:
            messages.error(request, _("The election was changed by someone else meanwhile; look at it again and retry."))
        return redirect(reverse("manage:elections", args=[pk]))
    taken = set(meeting.elections.values_list("office", flat=True)) | set(meeting.participants.exclude(office="").values_list("office", flat=True))
    return render(request, "meetings/manage/elections.html", {
        "meeting": meeting, "elections": _elections(meeting),
        "present": meeting.participants.filter(attended=True).select_related("person"),
        "offices": [(value, label) for value, label in Office.choices if value not in taken],
        "methods": BallotMethod.choices, "majorities": Majority.choices,
        "present_count": meeting.participants.filter(attended=True).count(),
    })


@require_http_methods(["GET", "POST"])
def participate(request, group_slug, slug):
    """The participants' page: nominate and vote while the election is open; results once published.
    Participants present and the secretariat follow an election as it runs; others see only results."""
    meeting = get_object_or_404(Meeting.objects.select_related("group"), group__slug=group_slug, slug=slug)
    me = services.voter(meeting, request.user)
    insider = access.follows_elections(request.user, meeting, voter=me)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if me is None:
            raise PermissionDenied(_("Only participants checked in as present nominate and vote."))
        chosen = request.POST.get("election", "")
        election = Election.objects.filter(pk=int(chosen), meeting=meeting).first() if chosen.isdigit() else None
        try:
            if election is None:
                raise services.Refused(_("Choose an election."))
            if request.POST.get("action") == "nominate":
                candidate = get_object_or_404(Participant, pk=_int(request.POST.get("participant"), _("Candidate")), meeting=meeting)
                services.nominate(election, candidate, by=me)
                messages.success(request, _("New candidate: %(name)s.") % {"name": candidate.person.formal_name})
            elif request.POST.get("action") == "vote":
                choice = request.POST.get("candidate", "")
                candidate = None if choice == "abstain" else get_object_or_404(Candidate, pk=_int(choice, _("Vote")), election=election)
                services.cast_vote(election, me, candidate)
                messages.success(request, _("Your vote is recorded. It is secret: nobody can see what you voted."))
            else:
                raise services.Refused(_("Unknown action."))
        except services.Refused as refused:
            for problem in refused.problems:
                messages.error(request, problem)
        return redirect(reverse("meeting_elections", args=[group_slug, slug]))
    elections = _elections(meeting, access.visible_elections(request.user, meeting, follows=insider))
    ballots = set(BallotCast.objects.filter(voter=me).values_list("election", "ballot")) if me else set()
    voted = {e.pk for e in elections if (e.pk, e.ballot) in ballots}
    return render(request, "meetings/elections.html", {
        "meeting": meeting, "elections": elections, "me": me, "voted": voted, "insider": insider,
        "present": meeting.participants.filter(attended=True).select_related("person") if me else [],
    })
