# Content in several languages (core/multilingual.py): the other UN languages' values of a meeting's title.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('meetings', '0006_elections'),
    ]

    operations = [
        migrations.AddField(
            model_name='meeting',
            name='translations',
            field=models.JSONField(blank=True, default=dict, editable=False, help_text="The record's words in the other UN languages: {language: {field: text}}; English is the field itself.", verbose_name='translations'),
        ),
    ]
