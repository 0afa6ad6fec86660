"""``liaison match REQUESTS.csv OFFERS.csv [--top-k K] [--json]``: the match-making engine alone on two
UTF-8 CSV files (columns in ``liaison.assistance.matching.read_requests`` / ``read_offers``).

Prints the capacity-respecting assignment that maximises the total fit, with the reasons of each
score. Bad input stops with a message naming the file and row and exit status 2, never a traceback.
"""

import json

from django.core.management.base import BaseCommand, CommandError

from liaison.assistance import matching


class Command(BaseCommand):
    help = "Match assistance requests with offers from two CSV files (optimal capacity-respecting assignment)."

    def add_arguments(self, parser):
        parser.add_argument("requests", help="CSV: id,country,areas,types,languages,description (lists separated by ';')")
        parser.add_argument("offers", help="CSV: id,provider,areas,types,countries,languages,capacity,description")
        parser.add_argument("--top-k", type=int, default=10, dest="top_k",
                            help="candidates kept per request before the assignment (default 10)")
        parser.add_argument("--json", action="store_true", help="print JSON")

    def handle(self, requests, offers, top_k=10, json=False, **options):
        if top_k < 1:
            raise CommandError("--top-k must be 1 or more.", returncode=2)
        try:
            result = matching.match(matching.read_requests(requests), matching.read_offers(offers), top_k=top_k)
        except matching.InputError as error:
            raise CommandError(str(error), returncode=2) from None
        output = {
            "assignments": [{"request": a.request, "offer": a.offer, "score": a.score, "reasons": a.reasons}
                            for a in result.assignments],
            "total_score": result.total_score,
            "seconds": round(result.seconds, 4),
        }
        if json:
            self.stdout.write(_json_dumps(output))
            return
        lines = [f"{len(result.assignments)} assignment(s), total fit {result.total_score:.4f}, {result.seconds:.2f} s"]
        for a in result.assignments:
            r = a.reasons
            lines.append(
                f"  {a.request} -> {a.offer}  score {a.score:.4f}  (text {r['text_similarity']:.2f}, "
                f"areas {r['area_overlap']:.2f}, types {r['type_overlap']:.2f}, languages {r['language_overlap']:.2f}, "
                f"period {r['period_overlap']:.2f}; shares {', '.join(r['shared_areas'])} / {', '.join(r['shared_types'])}"
                f" / {', '.join(r['shared_languages'])}; {r['eligibility']})")
        self.stdout.write("\n".join(lines))


def _json_dumps(value):
    return json.dumps(value, indent=2, ensure_ascii=False)
