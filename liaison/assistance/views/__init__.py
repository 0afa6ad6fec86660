"""Pages of the coordination mechanism, one module per kind of record (none over 250 lines). Views
parse input and render; ``services`` write; ``access`` decides who sees what (a record one may not
see answers 404, so its existence is not disclosed).

- ``contacts``: the mechanism's home, points of contact, who has not submitted one.
- ``requests``: assistance requests, their lifecycle, the consolidated list and its briefing.
- ``offers``: offers, proposals, match-making runs and sessions.
- ``initiatives``: the initiatives database (IATI XML), stock-taking, duplication flags, trends.
"""
