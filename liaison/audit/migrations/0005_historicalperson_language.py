from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('audit', '0004_historicalmeeting_translations'),
        ('core', '0006_person_language'),
    ]

    operations = [
        migrations.AddField(
            model_name='historicalperson',
            name='language',
            field=models.CharField(blank=True, choices=[('ar', 'العربية'), ('zh-hans', '中文'), ('en', 'English'), ('fr', 'Français'), ('ru', 'Русский'), ('es', 'Español')], default='', help_text="Leave blank to use the language of the person's account (English without an account).", max_length=10, verbose_name='language for e-mails and letters'),
        ),
    ]
