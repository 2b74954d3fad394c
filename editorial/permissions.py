"""Who may create and revoke embargo links: members of Kommunikation or Administration, and superusers."""

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.permission_policies.base import BasePermissionPolicy

from ikpe_site.core.roles import ADMINISTRATORS, COMMUNICATIONS

EMBARGO_GROUPS = (COMMUNICATIONS, ADMINISTRATORS)


def can_manage_embargo_links(user):
    if not (user and user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    if not hasattr(user, "_can_manage_embargo_links"):  # one query per request, however often asked
        user._can_manage_embargo_links = user.groups.filter(name__in=EMBARGO_GROUPS).exists()
    return user._can_manage_embargo_links


class EmbargoPermissionPolicy(BasePermissionPolicy):
    """The same answer for every action (add, change, delete): the role decides."""

    def user_has_permission(self, user, action):
        return can_manage_embargo_links(user)

    def user_has_any_permission(self, user, actions):
        return can_manage_embargo_links(user)

    def users_with_any_permission(self, actions):
        return (
            get_user_model()
            .objects.filter(is_active=True)
            .filter(Q(is_superuser=True) | Q(groups__name__in=EMBARGO_GROUPS))
            .distinct()
        )
