from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    """Feedback form pages ("Barriere melden", "Nachricht an uns") and their submissions."""

    name = "feedback"
    # The app was called `trust` when it also held security and editor checks. The label stays: database tables
    # (trust_feedbackformpage, …), content types of pages and revisions, and the recorded migrations keep their
    # names, so existing databases need no migration.
    label = "trust"
    verbose_name = _("Feedback forms")
    default_auto_field = "django.db.models.BigAutoField"
