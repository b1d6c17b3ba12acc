// disclose serve: reloads this page once the preview has rebuilt it, and
// goes to the year page when the page is gone. The preview server adds this
// script to every page it serves; a built site never contains it.
(function () {
  "use strict";
  var script = document.currentScript;
  var version = script ? script.getAttribute("data-version") : "";
  var events = new EventSource("/_disclose/events?v=" + encodeURIComponent(version) +
    "&path=" + encodeURIComponent(location.pathname));
  events.addEventListener("reload", function () {
    events.close();
    location.reload();
  });
  events.addEventListener("goto", function (e) {
    events.close();
    location.assign(e.data);
  });
})();
