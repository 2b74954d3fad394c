"""Video embeds with consent: turn a YouTube or Vimeo address into a privacy-enhanced embed address.

Core's `VideoBlock` stores only the address the editor pasted. The template `blocks/video.html` asks
`video_embed(url)` (template filter `video_embed`) for the provider and the embed address; unknown
providers get no embed, only the plain link.
"""

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlencode, urlsplit

from django.utils.translation import gettext_lazy as _

YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
VIMEO_ID = re.compile(r"^\d{1,12}$")
VIMEO_HASH = re.compile(r"^[0-9a-f]{6,20}$")
YOUTUBE_HOSTS = {
    "youtube.com",
    "www.youtube.com",
    "m.youtube.com",
    "music.youtube.com",
    "youtube-nocookie.com",
    "www.youtube-nocookie.com",
}
VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}

PROVIDERS = {
    "youtube": {"name": "YouTube", "operator": _("Google Ireland Limited, Dublin")},
    "vimeo": {"name": "Vimeo", "operator": _("Vimeo.com, Inc., New York (USA)")},
}


@dataclass(frozen=True)
class VideoEmbed:
    provider: str = ""
    video_id: str = ""
    embed_url: str = ""

    @property
    def provider_name(self):
        return PROVIDERS[self.provider]["name"] if self.provider else ""

    @property
    def operator(self):
        return PROVIDERS[self.provider]["operator"] if self.provider else ""


def video_embed(url):
    """Parse `url`; return a VideoEmbed whose `embed_url` is empty for anything not clearly YouTube or Vimeo."""
    try:
        parts = urlsplit((url or "").strip())
    except ValueError:
        return VideoEmbed()
    if parts.scheme not in ("http", "https"):
        return VideoEmbed()
    host = (parts.hostname or "").lower()
    segments = [segment for segment in parts.path.split("/") if segment]
    query = parse_qs(parts.query)

    if host in YOUTUBE_HOSTS or host == "youtu.be":
        if host == "youtu.be":
            video_id = segments[0] if segments else ""
        elif segments[:1] == ["watch"]:
            video_id = (query.get("v") or [""])[0]
        elif len(segments) >= 2 and segments[0] in ("embed", "shorts", "live", "v"):
            video_id = segments[1]
        else:
            video_id = ""
        if YOUTUBE_ID.match(video_id):
            return VideoEmbed("youtube", video_id, f"https://www.youtube-nocookie.com/embed/{video_id}")
        return VideoEmbed()

    if host in VIMEO_HOSTS:
        if host == "player.vimeo.com":
            segments = segments[1:] if segments[:1] == ["video"] else []
        numeric = [index for index, segment in enumerate(segments) if VIMEO_ID.match(segment)]
        if not numeric:
            return VideoEmbed()
        video_id = segments[numeric[-1]]
        params = {"dnt": "1"}
        following = segments[numeric[-1] + 1 : numeric[-1] + 2]
        private_hash = (query.get("h") or following or [""])[0]
        if VIMEO_HASH.match(private_hash):
            params["h"] = private_hash
        return VideoEmbed("vimeo", video_id, f"https://player.vimeo.com/video/{video_id}?{urlencode(params)}")

    return VideoEmbed()
