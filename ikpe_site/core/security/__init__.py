"""Protection that every part of the site shares and that knows no domain app.

- `headers`: the Content-Security-Policy middleware (django-csp) with the admin's relaxed policy;
- `csrf`: cookie-free public forms – the CSRF exemption for pages that ask for it, and the Origin check instead;
- `login`: django-axes' backend and lockout page, the throttled admin password reset;
- `limits`: the visitor's address and counters in the shared cache;
- `spam`: honeypot, signed start time and rate limit for public forms (feedback, newsletter).
"""
