"""``liaison panel lottery|plan CATEGORIES POOL --size K [rules] [--json]`` and
``liaison panel verify DISTRIBUTION --seed S --digest H --panel ID,ID,…``.

Files in the format of the sortition examples (categories.csv: category,feature,min,max; a pool CSV with
one column per category and optionally ``id``, ``country``, ``returning`` (yes/no), ``topics`` (separated
by ``;``) and ``relevance``). The rules are the planner page's: topics to cover, at most m per country,
at least c returning participants, people who must or must not sit, declared conflicts (plan only).

The lottery prints the published seed, the hash of the distribution and the drawn panel together;
``--save-distribution FILE`` writes the distribution, from which ``panel verify`` redoes the draw."""

import json
import time

from django.core.management.base import BaseCommand, CommandError

from liaison.roster import lottery, panels, quotas


def _ids(value):
    return {i.strip() for i in (value or "").split(",") if i.strip()}


class Command(BaseCommand):
    help = "Fair lottery (leximin selection probabilities), one rule-satisfying panel, or a draw's verification."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["lottery", "plan", "verify"])
        parser.add_argument("files", nargs="+", help="lottery/plan: CATEGORIES POOL; verify: DISTRIBUTION")
        parser.add_argument("--size", type=int)
        parser.add_argument("--json", action="store_true")
        parser.add_argument("--seed", help="lottery: draw one panel from this published seed; verify: the seed")
        parser.add_argument("--maximin", action="store_true", help="lottery: stop at maximin instead of leximin")
        parser.add_argument("--save-distribution", help="lottery: write the distribution (to publish) to this file")
        parser.add_argument("--topics", help="plan: topics to cover, separated by ';'")
        parser.add_argument("--max-per-country", type=int)
        parser.add_argument("--min-returning", type=int, default=0)
        parser.add_argument("--include", help="ids who must sit, separated by commas")
        parser.add_argument("--exclude", help="ids who must not sit, separated by commas")
        parser.add_argument("--conflict", action="append", default=[], help="plan: two ids who may not sit together, 'a,b' (repeatable)")
        parser.add_argument("--time-limit", type=float, default=60.0, help="plan: seconds")
        parser.add_argument("--digest", help="verify: the published hash of the distribution")
        parser.add_argument("--panel", help="verify: the published panel, ids separated by commas")

    def handle(self, action, files, size=None, **options):
        if action == "verify":
            return self._verify(files, options)
        if len(files) != 2:
            raise CommandError(f"{action} needs two files: CATEGORIES POOL.")
        categories, pool = files
        try:
            rules = quotas.read_quotas(categories)
            ids, people = quotas.read_pool(pool, {q.category for q in rules})
            details = quotas.read_details(pool)
        except (OSError, quotas.QuotaFileError) as error:
            raise CommandError(str(error)) from None
        if size is None or size < 1 or size > len(people):
            raise CommandError(f"--size must be between 1 and the pool size ({len(people)}).")
        if options["max_per_country"] is not None and options["max_per_country"] < 1:
            raise CommandError("--max-per-country must be at least 1.")
        if options["min_returning"] < 0:
            raise CommandError("--min-returning must be 0 or more.")
        known = set(ids)
        named = _ids(options["include"]) | _ids(options["exclude"])
        conflicts = []
        for pair in options["conflict"]:
            both = [i.strip() for i in pair.split(",")]
            if len(both) != 2 or not all(both):
                raise CommandError(f"--conflict takes two ids separated by a comma, got {pair!r}.")
            conflicts.append(tuple(both))
            named.update(both)
        unknown = sorted(named - known)
        if unknown:
            raise CommandError(f"Unknown id(s) in the pool: {', '.join(unknown)}.")
        if action == "lottery":
            output = self._lottery(rules, ids, people, details, size, options)
        else:
            output = self._plan(rules, ids, people, details, size, conflicts, options)
        self.stdout.write(json.dumps(output, indent=2) if options["json"] else self._text(output))
        if action == "plan" and not output["feasible"]:
            if output.get("timed_out"):
                raise CommandError("The time limit was reached before any panel was found (this does not mean the rules conflict).")
            raise CommandError("No panel satisfies the rules; see the conflicting rules above.")

    def _lottery(self, rules, ids, people, details, size, options):
        position = {i: n for n, i in enumerate(ids)}
        limits = lottery.Limits(
            max_per_country=options["max_per_country"], countries=tuple(details[i]["country"] for i in ids),
            min_returning=options["min_returning"], returning=tuple(details[i]["returning"] for i in ids),
            include=frozenset(position[i] for i in _ids(options["include"])),
            exclude=frozenset(position[i] for i in _ids(options["exclude"])),
        )
        try:
            result = lottery.solve(people, rules, size, leximin=not options["maximin"], limits=limits)
        except lottery.InfeasibleQuotas as error:
            raise CommandError(str(error)) from None
        probabilities = result.probabilities
        distribution = {"ids": list(ids), **result.distribution()}
        digest = lottery.distribution_digest(distribution)
        output = {
            "method": "maximin" if options["maximin"] else "leximin",
            "size": size,
            "pool": len(ids),
            "minimum_probability": result.minimum,
            "sum_of_probabilities": sum(probabilities),
            "panels_in_support": len(result.panels),
            "seconds": round(result.seconds, 4),
            "distribution_hash": digest,
            "probabilities": [{"id": i, "probability": p} for i, p in zip(ids, probabilities)],
        }
        if options["save_distribution"]:
            with open(options["save_distribution"], "w", encoding="utf-8") as handle:
                json.dump(distribution, handle)
        if options["seed"] is not None:
            output["seed"] = options["seed"]
            output["drawn_panel"] = [ids[i] for i in lottery.draw(distribution, options["seed"])]
        return output

    def _plan(self, rules, ids, people, details, size, conflicts, options):
        candidates = [panels.Candidate(id=i, features=p, relevance=details[i]["relevance"], topics=details[i]["topics"],
                                       country=details[i]["country"], returning=details[i]["returning"])
                      for i, p in zip(ids, people)]
        topics = [t.strip() for t in (options["topics"] or "").split(";") if t.strip()]
        plan_rules = panels.Rules(size=size, quotas=rules, topics=topics, max_per_country=options["max_per_country"],
                                  min_returning=options["min_returning"], include=_ids(options["include"]),
                                  exclude=_ids(options["exclude"]), conflicts=conflicts)
        started = time.perf_counter()
        result = panels.plan(candidates, plan_rules, time_limit=options["time_limit"])
        output = {"feasible": result.feasible, "size": size, "seconds": round(time.perf_counter() - started, 4),
                  "proven_optimal": result.proven_optimal, "timed_out": result.timed_out}
        if result.panel:
            output["panel"] = result.panel
            output["covered_topics"] = result.covered
            output["balance"] = [{"rule": b.rule, "target": b.target, "achieved": b.achieved, "ok": b.ok} for b in result.balance]
        if result.conflicts:
            output["conflicts"] = [{"rule": c.rule, "short_by": c.short_by, "explanation": c.explanation} for c in result.conflicts]
        return output

    def _verify(self, files, options):
        if len(files) != 1 or not options["seed"] or not options["digest"] or options["panel"] is None:
            raise CommandError("verify needs DISTRIBUTION --seed S --digest H --panel ID,ID,…")
        try:
            with open(files[0], encoding="utf-8") as handle:
                distribution = json.load(handle)
            position = {i: n for n, i in enumerate(distribution["ids"])}
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise CommandError(f"{files[0]}: not a published distribution ({error}).") from None
        panel = [i.strip() for i in options["panel"].split(",") if i.strip()]
        unknown = [i for i in panel if i not in position]
        if unknown:
            raise CommandError(f"Not in the distribution's pool: {', '.join(unknown)}.")
        ok, why = lottery.verify(distribution, options["digest"], options["seed"], [position[i] for i in panel])
        if not ok:
            redrawn = lottery.draw(distribution, options["seed"])
            raise CommandError(f"Not verified: {why} (the seed draws {', '.join(distribution['ids'][i] for i in redrawn)}).")
        self.stdout.write(f"verified: {why}.")

    @staticmethod
    def _text(output):
        if "probabilities" in output:
            lines = [f"{output['method']}: minimum selection probability {output['minimum_probability']:.4%} "
                     f"over {output['pool']} people, {output['panels_in_support']} panels, {output['seconds']} s"]
            if "drawn_panel" in output:
                lines.append(f"seed {output['seed']!r}; distribution hash {output['distribution_hash']}; "
                             f"panel drawn: {', '.join(output['drawn_panel'])}")
            else:
                lines.append(f"distribution hash {output['distribution_hash']}")
            return "\n".join(lines)
        lines = []
        if output.get("panel"):
            status = "proven optimal" if output["proven_optimal"] else "best found before the time limit" if output["timed_out"] else "not proven optimal"
            lines.append(f"panel ({status}): " + ", ".join(output["panel"]))
            lines += [f"  {b['rule']}: {b['achieved']} (target {b['target']})" for b in output["balance"]]
        elif output.get("timed_out"):
            lines.append("no panel found before the time limit (the rules were not shown to conflict)")
        if output.get("conflicts"):
            lines.append("no panel satisfies the rules; these rules conflict together:")
            lines += [f"  {c['explanation']}" for c in output["conflicts"]]
        return "\n".join(lines)
