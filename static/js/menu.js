/* Main menu: each item with a sub-menu becomes a disclosure button (aria-expanded, aria-controls) in place of the
   link to its section page, which stays the first entry of the sub-menu. One sub-menu is open at a time; Escape, moving
   the focus out of it and a click or tap elsewhere close it. Without this script the links work as they are (see main_menu.html). */
(function () {
    var nav = document.querySelector(".main-nav");
    if (!nav) return;
    var buttons = [];

    function setOpen(button, open) {
        button.setAttribute("aria-expanded", open ? "true" : "false");
        document.getElementById(button.getAttribute("aria-controls")).hidden = !open;
    }

    function closeAll(except) {
        buttons.forEach(function (button) { if (button !== except) setOpen(button, false); });
    }

    nav.querySelectorAll(".has-submenu > .menu-top").forEach(function (link) {
        var list = link.nextElementSibling;
        var button = document.createElement("button");
        button.type = "button";
        button.className = link.className;
        button.textContent = link.textContent;
        button.setAttribute("aria-controls", list.id);
        link.replaceWith(button);
        setOpen(button, false);
        buttons.push(button);
        button.parentNode.addEventListener("focusout", function (event) {
            if (event.relatedTarget && !button.parentNode.contains(event.relatedTarget)) setOpen(button, false);
        });
        button.addEventListener("click", function () {
            var open = button.getAttribute("aria-expanded") !== "true";
            closeAll(button);
            setOpen(button, open);
        });
    });
    nav.classList.add("menu-enhanced");

    document.addEventListener("keydown", function (event) {
        if (event.key !== "Escape") return;
        var open = buttons.filter(function (button) { return button.getAttribute("aria-expanded") === "true"; })[0];
        if (!open) return;
        setOpen(open, false);
        open.focus();
    });
    document.addEventListener("click", function (event) {
        if (!nav.contains(event.target)) closeAll(null);
    });
})();
