/* Two-click videos (templates/blocks/video.html): nothing is loaded from YouTube or Vimeo before the visitor
   clicks "Video laden". The optional "remember my choice" is kept in localStorage per provider, never in a
   cookie, and "Entscheidung widerrufen" removes it again. */
(function () {
    "use strict";
    if (window.ikpeVideos) {
        return;
    }
    window.ikpeVideos = true;
    var KEY = "ikpe-video-consent-";

    function remembered(provider) {
        try {
            return window.localStorage.getItem(KEY + provider) === "yes";
        } catch (error) {
            return false;
        }
    }

    function remember(provider, yes) {
        try {
            if (yes) {
                window.localStorage.setItem(KEY + provider, "yes");
            } else {
                window.localStorage.removeItem(KEY + provider);
            }
        } catch (error) { /* storage blocked: the choice simply is not remembered */ }
    }

    function parts(figure) {
        return {
            frame: figure.querySelector("[data-embed-url]"),
            poster: figure.querySelector(".video-poster"),
            consent: figure.querySelector(".video-consent"),
            button: figure.querySelector(".video-consent-button"),
            checkbox: figure.querySelector(".video-remember"),
            revoke: figure.querySelector(".video-revoke")
        };
    }

    function load(figure, byClick) {
        var p = parts(figure);
        if (p.frame.querySelector("iframe")) {
            return;
        }
        var url = p.frame.getAttribute("data-embed-url");
        if (byClick) {
            url += (url.indexOf("?") === -1 ? "?" : "&") + "autoplay=1";
        }
        var iframe = document.createElement("iframe");
        iframe.className = "video-iframe";
        iframe.src = url;
        iframe.title = p.frame.getAttribute("data-video-title") || "Video";
        iframe.setAttribute("allow", "autoplay; fullscreen; picture-in-picture; encrypted-media");
        iframe.setAttribute("allowfullscreen", "");
        iframe.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
        if (p.poster) {
            p.poster.hidden = true;
        }
        p.consent.hidden = true;
        p.frame.appendChild(iframe);
        p.frame.classList.add("is-loaded");
        p.revoke.hidden = false;
        if (byClick) {
            iframe.focus();
        }
    }

    function reset(figure) {
        var p = parts(figure);
        var iframe = p.frame.querySelector("iframe");
        if (iframe) {
            iframe.remove();
        }
        if (p.poster) {
            p.poster.hidden = false;
        }
        p.frame.classList.remove("is-loaded");
        p.consent.hidden = false;
        p.checkbox.checked = false;
        p.revoke.hidden = true;
    }

    var figures = Array.prototype.slice.call(document.querySelectorAll("figure[data-video]"));

    function sameProvider(provider) {
        return figures.filter(function (figure) {
            return figure.getAttribute("data-video") === provider;
        });
    }

    figures.forEach(function (figure) {
        var provider = figure.getAttribute("data-video");
        var p = parts(figure);
        p.consent.hidden = false;
        p.button.addEventListener("click", function () {
            if (p.checkbox.checked) {
                remember(provider, true);
                sameProvider(provider).forEach(function (other) {
                    if (other !== figure) {
                        load(other, false);
                    }
                });
            }
            load(figure, true);
        });
        p.revoke.addEventListener("click", function () {
            remember(provider, false);
            sameProvider(provider).forEach(reset);
            p.button.focus();
        });
        if (remembered(provider)) {
            load(figure, false);
        }
    });
}());
