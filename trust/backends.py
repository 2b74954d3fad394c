from axes.backends import AxesStandaloneBackend


class AxesBackend(AxesStandaloneBackend):
    """django-axes' lockout check for every login that comes with a request (admin, Django admin, password forms).

    Authentication without a request (the test client's `login()`, the shell) has no client address to count,
    so it is left to the next backend instead of failing with AxesBackendRequestParameterRequired.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
