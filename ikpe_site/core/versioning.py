"""The content version: the one row every process reads to agree on what is public (see cache.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ContentVersion(models.Model):
    """One row whose counter goes up in the same transaction as every public change.

    Every process on every machine reads it (one primary-key query per request) and keys its page cache and
    memoized data by it, so all of them agree on what is public the moment the change is committed.
    """

    counter = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("content version")

    def __str__(self):
        return str(self.counter)
