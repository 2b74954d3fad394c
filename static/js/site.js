/* Site-wide behaviour. On narrow screens the main menu starts closed, so the page content comes first;
   without JavaScript it stays open (the <details> element works by keyboard and touch on its own). */
(function () {
    "use strict";
    var menu = document.querySelector(".menu-toggle");
    var narrow = window.matchMedia("(max-width: 55.99rem)");
    if (!menu) {
        return;
    }
    function fit() {
        menu.open = !narrow.matches;
    }
    fit();
    narrow.addEventListener("change", fit);
})();
