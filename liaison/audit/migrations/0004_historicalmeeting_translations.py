# Content in several languages (core/multilingual.py): the other UN languages' values of a meeting's title, in its history.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('audit', '0003_historicalmeeting_invitation_message'),
    ]

    operations = [
        migrations.AddField(
            model_name='historicalmeeting',
            name='translations',
            field=models.JSONField(blank=True, default=dict, editable=False, help_text="The record's words in the other UN languages: {language: {field: text}}; English is the field itself.", verbose_name='translations'),
        ),
    ]
