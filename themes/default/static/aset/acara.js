// Moves events that have ended since the site was built out of "upcoming" lists.
// Markup (docs/theme.md): a list with data-upcoming whose items carry data-end (the UTC
// instant the event is over); an optional data-upcoming-empty message; an optional data-past
// list that receives the moved items first (one such set per page). Without this script the
// page is right as of the build.
(function () {
  "use strict";
  var now = Date.now();
  document.querySelectorAll("[data-upcoming]").forEach(function (list) {
    var past = document.querySelector("[data-past]");
    var ended = Array.prototype.filter.call(list.querySelectorAll("[data-end]"), function (item) {
      var end = Date.parse(item.getAttribute("data-end"));
      return !isNaN(end) && end < now;
    });
    ended.reverse().forEach(function (item) {
      if (past) {
        past.insertBefore(item, past.firstChild);
        past.hidden = false;
      } else {
        item.remove();
      }
    });
    if (!list.querySelector("[data-end]")) {
      list.hidden = true;
      var empty = document.querySelector("[data-upcoming-empty]");
      if (empty) {
        empty.hidden = false;
      }
    }
  });
})();
