// Redaktionskalender: drag a go-live or an expiry to another day. The item keeps its time of day; the
// item's own "Verschieben" form is filled in and sent, so both ways go through the same view and checks.
(function () {
    "use strict";
    var dragged = null;

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
