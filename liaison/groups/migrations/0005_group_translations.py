# Content in several languages (core/multilingual.py): the other UN languages' values of a group's name and mandate.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('groups', '0004_individual_capacity'),
    ]

    operations = [
        migrations.AddField(
            model_name='group',
            name='translations',
            field=models.JSONField(blank=True, default=dict, editable=False, help_text="The record's words in the other UN languages: {language: {field: text}}; English is the field itself.", verbose_name='translations'),
        ),
    ]
