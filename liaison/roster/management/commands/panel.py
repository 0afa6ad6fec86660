"""``liaison panel lottery|plan CATEGORIES POOL --size K [--json]`` on files in the format of the
sortition examples (categories.csv: category,feature,min,max; a pool CSV with one column per category)."""

import time

from django.core.management.base import BaseCommand, CommandError

from liaison.roster import lottery, panels, quotas


class Command(BaseCommand):
    help = "Fair lottery (leximin selection probabilities) or one quota-satisfying panel, from CSV files."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["lottery", "plan"])
        parser.add_argument("categories")
        parser.add_argument("pool")
        parser.add_argument("--size", type=int, required=True)
        parser.add_argument("--json", action="store_true")
        parser.add_argument("--seed", help="lottery: also draw one panel from this published seed")
        parser.add_argument("--maximin", action="store_true", help="lottery: stop at maximin instead of leximin")

    def handle(self, action, categories, pool, size, json=False, seed=None, maximin=False, **options):
        try:
            rules = quotas.read_quotas(categories)
            ids, people = quotas.read_pool(pool, {q.category for q in rules})
        except (OSError, quotas.QuotaFileError) as error:
            raise CommandError(str(error)) from None
        if size < 1 or size > len(people):
            raise CommandError(f"--size must be between 1 and the pool size ({len(people)}).")
        output = self._lottery(rules, ids, people, size, seed, maximin) if action == "lottery" else self._plan(rules, ids, people, size)
        if json:
            import json as json_module

            self.stdout.write(json_module.dumps(output, indent=2))
        else:
            self.stdout.write(self._text(output))
        if action == "plan" and not output["feasible"]:
            raise CommandError("No panel satisfies the quotas; see the conflicting rules above.")

    def _lottery(self, rules, ids, people, size, seed, maximin):
        try:
            result = lottery.solve(people, rules, size, leximin=not maximin)
        except lottery.InfeasibleQuotas as error:
            raise CommandError(str(error)) from None
        probabilities = result.probabilities
        output = {
            "method": "maximin" if maximin else "leximin",
            "size": size,
            "pool": len(ids),
            "minimum_probability": result.minimum,
            "sum_of_probabilities": sum(probabilities),
            "panels_in_support": len(result.panels),
            "seconds": round(result.seconds, 4),
            "probabilities": [{"id": i, "probability": p} for i, p in zip(ids, probabilities)],
        }
        if seed is not None:
            output["seed"] = seed
            output["drawn_panel"] = [ids[i] for i in result.draw(seed)]
        return output

    def _plan(self, rules, ids, people, size):
        candidates = [panels.Candidate(id=i, features=p) for i, p in zip(ids, people)]
        started = time.perf_counter()
        result = panels.plan(candidates, panels.Rules(size=size, quotas=rules))
        output = {"feasible": result.feasible, "size": size, "seconds": round(time.perf_counter() - started, 4)}
        if result.feasible:
            output["panel"] = result.panel
            output["balance"] = [{"rule": b.rule, "target": b.target, "achieved": b.achieved} for b in result.balance]
        else:
            output["conflicts"] = [{"rule": c.rule, "short_by": c.short_by, "explanation": c.explanation} for c in result.conflicts]
        return output

    @staticmethod
    def _text(output):
        if "probabilities" in output:
            lines = [f"{output['method']}: minimum selection probability {output['minimum_probability']:.4%} "
                     f"over {output['pool']} people, {output['panels_in_support']} panels, {output['seconds']} s"]
            if "drawn_panel" in output:
                lines.append(f"panel drawn with seed {output['seed']!r}: {', '.join(output['drawn_panel'])}")
            return "\n".join(lines)
        if output["feasible"]:
            return "panel: " + ", ".join(output["panel"]) + "\n" + "\n".join(f"  {b['rule']}: {b['achieved']} (target {b['target']})" for b in output["balance"])
        return "no panel satisfies the quotas:\n" + "\n".join(f"  {c['explanation']}" for c in output["conflicts"])
