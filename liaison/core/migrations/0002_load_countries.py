from django.db import migrations


def load(apps, schema_editor):
    from liaison.core.services import load_countries

    load_countries(apps.get_model("core", "Country"))


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
