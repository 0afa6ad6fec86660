"""On PostgreSQL: a stored full-text vector of each roster record (profile, keywords, publications)
with a GIN index, the first stage of the roster search (roster/index.py). SQLite has no such column;
its search is the cached TF-IDF index alone."""

from django.db import migrations

VECTOR = (
    "to_tsvector('english'::regconfig, coalesce(profile, '') || ' ' || coalesce(keywords, '') || ' ' "
    "|| coalesce(publications, ''))"
)


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"ALTER TABLE roster_expert ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ({VECTOR}) STORED")
    schema_editor.execute("CREATE INDEX roster_expert_search_vector ON roster_expert USING gin (search_vector)")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS roster_expert_search_vector")
    schema_editor.execute("ALTER TABLE roster_expert DROP COLUMN IF EXISTS search_vector")


class Migration(migrations.Migration):
    dependencies = [("roster", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
