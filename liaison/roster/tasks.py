"""The roster's background tasks (the Django tasks framework; see liaison/core/tasks.py)."""

from django_tasks import task


@task()
def rebuild_index(group_id: int) -> str:
    """Build the group's search index as the roster is now, so that no search request pays it."""
    from . import index

    return index.rebuild(group_id)
