vcl 4.1;
# Caching proxy in front of the app servers. Pages for anonymous visitors are cached as the app's
# Cache-Control (s-maxage) says; editors (session cookie) and the admin always pass through.
# On every publish the app sends PURGE / (Wagtail frontend-cache invalidation, FRONT_CACHE_URL):
# that bans every cached object of the host, so listings, feeds and the home page are fresh at once.

import directors;

backend app1 { .host = "127.0.0.1"; .port = "8001"; .probe = { .url = "/robots.txt"; .interval = 5s; .timeout = 2s; .window = 5; .threshold = 3; } }
backend app2 { .host = "127.0.0.1"; .port = "8002"; .probe = { .url = "/robots.txt"; .interval = 5s; .timeout = 2s; .window = 5; .threshold = 3; } }

acl purgers { "127.0.0.1"; "::1"; }

sub vcl_init {
    new apps = directors.round_robin();
    apps.add_backend(app1);
    apps.add_backend(app2);
}

sub vcl_recv {
    set req.backend_hint = apps.backend();
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) { return (synth(403, "Forbidden")); }
        ban("obj.status != 0");
        return (synth(200, "Purged"));
    }
    if (req.method != "GET" && req.method != "HEAD") { return (pass); }
    if (req.url ~ "^/(admin|django-admin|vorschau|suche|dokumente)/") { return (pass); }
    if (req.http.Cookie ~ "(sessionid|csrftoken)=") { return (pass); }
    unset req.http.Cookie;
    return (hash);
}

sub vcl_backend_response {
    if (beresp.http.Set-Cookie || beresp.http.Cache-Control ~ "(private|no-store)") {
        set beresp.uncacheable = true;
        return (deliver);
    }
    set beresp.grace = 1h;   # serve a stale page while the app servers are busy or briefly down
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Front-Cache = "HIT";
    } else {
        set resp.http.X-Front-Cache = "MISS";
    }
}
