/* Autosave on the article form (templates/admin/articles/article/includes/autosave.html).
 *
 * Every few seconds, if the form's text fields changed since the last autosave, POST them as
 * JSON to the server, which keeps one copy per user and article and never touches the article.
 * "恢复" fills the fields from the copy the page was opened with; "丢弃" deletes it.
 * No dependencies, nothing inline (the CSP allows only script files from this site); without
 * this file the notice stays hidden and the form works as it always did.
 */
(function () {
  "use strict";

  var root = document.getElementById("autosave");
  var form = document.getElementById("article_form");
  if (!root || !form || !window.fetch || !window.JSON) {
    return;
  }
  var names = (root.getAttribute("data-fields") || "").split(" ");
  var interval = parseInt(root.getAttribute("data-interval"), 10) || 5000;
  var status = root.querySelector(".autosave-status");
  var offer = root.querySelector(".autosave-offer");
  var token = form.querySelector("input[name=csrfmiddlewaretoken]");
  var submitting = false;
  var sending = false;
  var lastTyped = 0;
  // Wait for a pause in typing: fewer requests, and none racing a save clicked right after.
  var QUIET_MS = 1000;

  function textField(name) {
    var field = form.elements.namedItem(name);
    var editable = field instanceof HTMLTextAreaElement || field instanceof HTMLInputElement;
    return editable && !field.disabled && !field.readOnly ? field : null;
  }

  function snapshot() {
    var fields = {};
    names.forEach(function (name) {
      var field = textField(name);
      if (field) {
        fields[name] = field.value;
      }
    });
    return fields;
  }

  function baseVersion() {
    var field = form.elements.namedItem("base_version");
    var version = field ? parseInt(field.value, 10) : NaN;
    return isNaN(version) ? null : version;
  }

  function say(text) {
    status.textContent = text || "";
    status.hidden = !text;
  }

  function headers(extra) {
    var all = { Accept: "application/json", "X-CSRFToken": token ? token.value : "" };
    Object.keys(extra || {}).forEach(function (key) {
      all[key] = extra[key];
    });
    return all;
  }

  function answer(response) {
    return response.json().then(
      function (data) {
        return { ok: response.ok, data: data };
      },
      function () {
        return { ok: false, data: {} };
      }
    );
  }

  // What the page was opened with, and what the server last kept.
  var pristine = JSON.stringify(snapshot());
  var kept = pristine;

  function autosave(leaving) {
    if (submitting || sending || (!leaving && Date.now() - lastTyped < QUIET_MS)) {
      return;
    }
    var fields = snapshot();
    var text = JSON.stringify(fields);
    if (text === kept) {
      return;
    }
    sending = true;
    fetch(root.getAttribute("data-save-url"), {
      method: "POST",
      credentials: "same-origin",
      headers: headers({ "Content-Type": "application/json" }),
      body: JSON.stringify({ base_version: baseVersion(), fields: fields }),
      keepalive: Boolean(leaving) && text.length < 60000
    })
      .then(answer)
      .then(function (result) {
        if (result.ok) {
          kept = text;
          say(result.data.message);
        } else {
          say(result.data.error || root.getAttribute("data-failed-text"));
        }
      })
      .catch(function () {
        say(root.getAttribute("data-failed-text"));
      })
      .then(function () {
        sending = false;
      });
  }

  function restore() {
    var data = document.getElementById("autosave-data");
    var fields = data ? JSON.parse(data.textContent) : {};
    Object.keys(fields).forEach(function (name) {
      var field = textField(name);
      if (field) {
        field.value = fields[name];
        // Let other scripts on the form (counters, previews) see the new text.
        field.dispatchEvent(new Event("input", { bubbles: true }));
        field.dispatchEvent(new Event("change", { bubbles: true }));
      }
    });
    kept = JSON.stringify(snapshot());
    offer.hidden = true;
    say(root.getAttribute("data-restored-text"));
  }

  function discard(event) {
    var discardForm = event.target;
    event.preventDefault();
    fetch(discardForm.action, {
      method: "POST",
      credentials: "same-origin",
      headers: headers(),
      body: new FormData(discardForm)
    })
      .then(answer)
      .then(function (result) {
        if (!result.ok) {
          throw new Error("discard refused");
        }
        offer.hidden = true;
        // The server copy is gone: anything typed since opening is sent again on the next tick.
        kept = pristine;
        say(result.data.message);
      })
      .catch(function () {
        discardForm.submit();
      });
  }

  var restoreButton = root.querySelector(".autosave-restore");
  if (restoreButton) {
    restoreButton.addEventListener("click", restore);
  }
  var discardForm = root.querySelector("form.autosave-discard");
  if (discardForm) {
    discardForm.addEventListener("submit", discard);
  }
  form.addEventListener("input", function () {
    lastTyped = Date.now();
  });
  form.addEventListener("submit", function () {
    submitting = true;
  });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") {
      autosave(true);
    }
  });
  window.setInterval(autosave, interval);
  root.hidden = false;
})();
