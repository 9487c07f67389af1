/* Presence on the article change form: report every few seconds that this form is open and
   redraw the notice (who else is editing, a takeover) from the server's answer.
   Without JavaScript the server-rendered notice and the takeover button still work. */
(function () {
  "use strict";

  function csrfToken(box) {
    var field = box.querySelector("input[name=csrfmiddlewaretoken]") ||
      document.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  function render(box, notice) {
    var takenOver = box.querySelector(".presence-taken-over");
    var list = box.querySelector(".presence-editing");
    var takeOver = box.querySelector(".presence-take-over");
    takenOver.textContent = notice.taken_over || "";
    takenOver.hidden = !notice.taken_over;
    while (list.firstChild) {
      list.removeChild(list.firstChild);
    }
    (notice.editing || []).forEach(function (line) {
      var item = document.createElement("li");
      item.textContent = line;
      list.appendChild(item);
    });
    if (takeOver) {
      takeOver.hidden = !notice.can_take_over;
    }
    box.hidden = !notice.taken_over && !(notice.editing || []).length;
  }

  function start(box) {
    var url = box.getAttribute("data-heartbeat-url");
    var seconds = Number(box.getAttribute("data-interval")) || 15;
    var token = csrfToken(box);
    var pending = false;

    function beat() {
      if (pending) {
        return;
      }
      pending = true;
      fetch(url, {
        method: "POST",
        credentials: "same-origin",
        headers: { "X-CSRFToken": token, "Accept": "application/json" },
      })
        .then(function (response) {
          return response.ok ? response.json() : null;
        })
        .then(function (notice) {
          if (notice) {
            render(box, notice);
          }
        })
        .catch(function () {
          /* Offline for a moment: the next beat tries again. */
        })
        .then(function () {
          pending = false;
        });
    }

    beat();
    window.setInterval(beat, seconds * 1000);
    document.addEventListener("visibilitychange", function () {
      if (!document.hidden) {
        beat();
      }
    });
  }

  function init() {
    var box = document.getElementById("article-presence");
    if (box && window.fetch) {
      start(box);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
