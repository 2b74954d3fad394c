/* People app: turns protected email addresses into mailto links and filters the contact directory.
   Loaded with `defer`; without JavaScript visitors see "name [ät] domain" and the full directory. */
(function () {
    "use strict";

    function decodeAddress(encoded) {
        var bytes = Uint8Array.from(atob(encoded), function (c) { return c.charCodeAt(0); });
        return Array.from(new TextDecoder().decode(bytes)).reverse().join("");
    }

    function revealEmails(root) {
        root.querySelectorAll("[data-email]").forEach(function (element) {
            var address;
            try {
                address = decodeAddress(element.getAttribute("data-email"));
            } catch (error) {
                return;
            }
            if (address.indexOf("@") < 1) {
                return;
            }
            var link = document.createElement("a");
            link.href = "mailto:" + address;
            // Line breaks only after "@" or a hyphen and before a dot (<wbr>, which copying leaves out), never inside a word.
            address.split(/(?<=[@-])|(?=\.)/).forEach(function (part, index) {
                if (index) link.appendChild(document.createElement("wbr"));
                link.appendChild(document.createTextNode(part));
            });
            link.className = "email-link";
            element.replaceWith(link);
        });
    }

    function normalise(text) {
        return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
    }

    function setUpFilter(box) {
        var scope = document.getElementById(box.getAttribute("data-directory-filter"));
        if (!scope) {
            return;
        }
        var input = box.querySelector("input");
        var status = box.querySelector("[role=status]");
        var items = Array.from(scope.querySelectorAll("[data-filter-item]"));
        var texts = items.map(function (item) { return normalise(item.textContent); });
        var sections = Array.from(scope.querySelectorAll("[data-filter-section]"));

        function apply() {
            var terms = normalise(input.value).split(/\s+/).filter(Boolean);
            var people = 0;
            items.forEach(function (item, index) {
                var match = terms.every(function (term) { return texts[index].indexOf(term) !== -1; });
                item.hidden = !match;
                if (match && item.classList.contains("person-card")) {
                    people += 1;
                }
            });
            sections.forEach(function (section) {
                section.hidden = !section.querySelector("[data-filter-item]:not([hidden])");
            });
            var anything = items.some(function (item) { return !item.hidden; });
            if (!terms.length) {
                status.textContent = "";
            } else if (!anything) {
                status.textContent = box.getAttribute("data-none");
            } else {
                status.textContent = people === 1 ? box.getAttribute("data-one")
                    : people + " " + box.getAttribute("data-many");
            }
        }

        input.addEventListener("input", apply);
        box.hidden = false;
    }

    revealEmails(document);
    document.querySelectorAll("[data-directory-filter]").forEach(setUpFilter);
})();
