// Remembers the reading modes (大字版, 高对比度) from page to page. The modes
// work without this script: the checkboxes in the page header switch them
// through CSS :has(). Where script runs, the choice is kept in localStorage
// and put on <html> as mode-large / mode-contrast before the page is drawn.
(function () {
  "use strict";
  var root = document.documentElement;
  var modes = ["large", "contrast"];

  function remembered(mode) {
    try {
      return window.localStorage.getItem("disclose-mode-" + mode) === "on";
    } catch (e) {
      return false; // storage refused (private window, policy): nothing kept
    }
  }

  function remember(mode, on) {
    try {
      if (on) {
        window.localStorage.setItem("disclose-mode-" + mode, "on");
      } else {
        window.localStorage.removeItem("disclose-mode-" + mode);
      }
    } catch (e) {
      // storage refused: the mode holds for this page only
    }
  }

  modes.forEach(function (mode) {
    if (remembered(mode)) {
      root.classList.add("mode-" + mode);
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    modes.forEach(function (mode) {
      var box = document.getElementById("mode-" + mode);
      if (!box) {
        return;
      }
      box.checked = root.classList.contains("mode-" + mode);
      box.addEventListener("change", function () {
        root.classList.toggle("mode-" + mode, box.checked);
        remember(mode, box.checked);
      });
    });
  });
})();
