// Redaktionskalender: drag a go-live or an expiry to another day, or focus it and press the arrow keys
// (left/right: one day, up/down: one week). The item keeps its time of day; the item's own "Verschieben"
// form is filled in and sent, so every way goes through the same view and the same checks.
(function () {
    "use strict";
    var dragged = null;
    var STEPS = {ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7};

    function shifted(value, days) {
        // "2036-07-01T10:00" + days, on the calendar (the time of day stays, whatever the clock change).
        var parts = value.split("T");
        var ymd = parts[0].split("-").map(Number);
        var day = new Date(Date.UTC(ymd[0], ymd[1] - 1, ymd[2] + days));
        return day.toISOString().slice(0, 10) + "T" + (parts[1] || "00:00");
    }

    document.querySelectorAll("[data-move-form]").forEach(function (item) {
        item.tabIndex = 0;
        item.setAttribute("aria-keyshortcuts", "ArrowLeft ArrowRight ArrowUp ArrowDown");
        item.addEventListener("keydown", function (event) {
            var form = document.getElementById(item.dataset.moveForm);
            if (event.target !== item || !(event.key in STEPS) || !form) {
                return;
            }
            event.preventDefault();
            var input = form.querySelector("input[name=at]");
            input.value = shifted(input.value, STEPS[event.key]);
            form.requestSubmit();
        });
    });

    document.querySelectorAll("[data-move-form]").forEach(function (item) {
        item.addEventListener("dragstart", function (event) {
            dragged = item;
            item.classList.add("editorial-item--dragging");
            event.dataTransfer.effectAllowed = "move";
            event.dataTransfer.setData("text/plain", item.dataset.moveForm);
        });
        item.addEventListener("dragend", function () {
            item.classList.remove("editorial-item--dragging");
            dragged = null;
        });
    });

    document.querySelectorAll("[data-date]").forEach(function (day) {
        day.addEventListener("dragover", function (event) {
            if (dragged) {
                event.preventDefault();
                day.classList.add("editorial-drop-target");
            }
        });
        day.addEventListener("dragleave", function () {
            day.classList.remove("editorial-drop-target");
        });
        day.addEventListener("drop", function (event) {
            event.preventDefault();
            day.classList.remove("editorial-drop-target");
            var form = document.getElementById(event.dataTransfer.getData("text/plain") ||
                                               (dragged && dragged.dataset.moveForm));
            if (!form) {
                return;
            }
            var input = form.querySelector("input[name=at]");
            var timeOfDay = (input.value.split("T")[1] || "00:00");
            var value = day.dataset.date + "T" + timeOfDay;
            if (value === input.value) {
                return;
            }
            input.value = value;
            form.requestSubmit();
        });
    });
}());
