/* The institute's own content checks for Wagtail's checker (userbar on the site, preview panel, "Checks" panel).
   Rules, options and German messages are defined in editorial/checker.py; this file only supplies the
   evaluate functions, registered with the userbar before it configures axe on window load. A check returns
   true when the element is fine. Loaded only for logged-in editors, never for visitors. */
(function () {
    "use strict";
    var userbar = window.wagtail && window.wagtail.userbar;
    if (!userbar || typeof userbar.registerCheck !== "function") {
        return;
    }

    var EDGE = /^[\s.,:;!?…»«›‹"'„“”()[\]→>-]+|[\s.,:;!?…»«›‹"'„“”()[\]→>-]+$/g;
    var EMAIL = /[^\s@<>()[\]"']+@[^\s@<>()[\]"']+\.[a-z]{2,}/i;
    var DISGUISED = /\w\s*[[(]\s*(at|ät|@)\s*[\])]\s*\w/i;
    var TEXT_BLOCKS = "p, li, td, th, dd, figcaption, blockquote";

    function normalise(text) {
        return (text || "").replace(/\s+/g, " ").replace(EDGE, "").toLowerCase();
    }

    function accessibleName(node, virtualNode) {
        var text = window.axe && window.axe.commons && window.axe.commons.text;
        if (text && virtualNode) {
            return text.accessibleTextVirtual(virtualNode);
        }
        return node.getAttribute("aria-label") || node.textContent;
    }

    // "hier", "mehr", "Mehr lesen" … alone. A visually hidden title ("Mehr lesen: Jahresbericht") passes.
    userbar.registerCheck("ikpe-link-text-meaningful", function (node, options, virtualNode) {
        var phrases = (options && options.phrases) || [];
        return phrases.indexOf(normalise(accessibleName(node, virtualNode))) === -1;
    });

    // Addresses must be written out and linked; the people app's protected addresses ([data-email]) are
    // decoded into links by its own script and are left out here.
    userbar.registerCheck("ikpe-email-linked", function (node) {
        if (node.querySelector(TEXT_BLOCKS)) {
            return true; // the inner paragraph or list item is checked on its own
        }
        var copy = node.cloneNode(true);
        copy.querySelectorAll("[data-email]").forEach(function (element) { element.remove(); });
        if (DISGUISED.test(copy.textContent)) {
            return false;
        }
        copy.querySelectorAll('a[href^="mailto:"]').forEach(function (link) { link.remove(); });
        return !EMAIL.test(copy.textContent);
    });

    // Every picture in the content carries its credit (components/figure.html renders it as .credit).
    userbar.registerCheck("ikpe-figure-has-credit", function (node) {
        var credit = node.querySelector(".credit");
        return !node.querySelector("img") || Boolean(credit && credit.textContent.trim());
    });

    function level(heading) {
        return parseInt(heading.tagName.charAt(1), 10);
    }

    // h2 → h4 skips a level; going back up (h4 → h2) is fine. The first heading is compared with h1.
    userbar.registerCheck("ikpe-heading-no-skip", function (node) {
        var scope = node.closest("main") || document.body;
        var headings = Array.prototype.slice.call(scope.querySelectorAll("h1, h2, h3, h4, h5, h6"));
        var index = headings.indexOf(node);
        var previous = index > 0 ? level(headings[index - 1]) : 1;
        return level(node) <= previous + 1;
    });
}());
