from django.db.models import Count, Max, Min
from django.shortcuts import render

from liaison.groups.models import Group


def home(request):
    groups = Group.objects.annotate(
        meeting_count=Count("meetings"), first_meeting=Min("meetings__start_date"), last_meeting=Max("meetings__start_date")
    ).order_by("name")
    return render(request, "core/home.html", {"groups": groups})
