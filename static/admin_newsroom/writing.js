// The change form's writing surface: live 字数 and the body's block preview.
// Counting mirrors articles/char_count.py and articles/inline_markup.py; the preview is
// rendered by the server (articles/admin/writing.py), so this file never builds reader HTML.
"use strict";

(function () {
  // As articles/inline_markup.py PATTERN: the same branches, white space spelt out the same way.
  const SPACE = "\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
  const TOKEN = new RegExp(
    "\\\\([\\\\*\\[\\]()])" +
      "|\\[((?:\\\\.|[^\\[\\]\\n\\\\])+)\\]" +
      "\\(((?:[hH][tT][tT][pP][sS]?://|[mM][aA][iI][lL][tT][oO]:)[^" + SPACE + "()<>\"'\\\\]+)\\)" +
      "|\\*\\*((?![" + SPACE + "])(?:\\\\.|[^*\\\\])+(?<![" + SPACE + "]))\\*\\*" +
      "|\\*((?![" + SPACE + "])(?:\\\\.|[^*\\\\])+(?<![" + SPACE + "]))\\*",
    "gsu",
  );
  // As articles/blocks.py, with Python's \s and \d.
  const IMAGE_LINE = new RegExp("^\\[图片[" + SPACE + "]*(\\p{Nd}+)\\]$", "u");
  const BLANK_LINES = new RegExp("\\n[" + SPACE + "]*\\n", "u");
  const TRIM = new RegExp("^[" + SPACE + "]+|[" + SPACE + "]+$", "gu");
  const LINE_BREAKS = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/;
  const WHITE = new RegExp("[" + SPACE + "]", "u"); // str.isspace, as char_count.py
  const PREVIEW_DELAY_MS = 600;

  // The text as readers read it: links' text and emphasised text kept, markup dropped.
  function markupText(text) {
    return text.replace(TOKEN, function (whole, escaped, label, href, strong, em) {
      if (escaped !== undefined) return escaped;
      if (label !== undefined) return markupText(label);
      return markupText(strong !== undefined ? strong : em);
    });
  }

  function strip(text) {
    return text.replace(TRIM, "");
  }

  function visibleCount(text) {
    let count = 0;
    for (const char of text) {
      if (!WHITE.test(char)) count += 1;
    }
    return count;
  }

  // As blocks_from_text: blank lines part blocks; "## " subhead, "> " caption, [图片 N] photo.
  function bodyCount(text) {
    let count = 0;
    for (let chunk of strip(text.replace(/\r\n/g, "\n")).split(BLANK_LINES)) {
      chunk = strip(chunk);
      if (!chunk || IMAGE_LINE.test(chunk)) continue;
      if (chunk.startsWith("## ")) {
        count += visibleCount(chunk.slice(3));
      } else if (chunk.startsWith("> ")) {
        count += visibleCount(markupText(strip(chunk.slice(2))));
      } else {
        count += visibleCount(markupText(chunk.split(LINE_BREAKS).join("")));
      }
    }
    return count;
  }

  function watchCount(counter) {
    const field = document.getElementById(counter.dataset.for);
    if (!field) return;
    const kind = counter.dataset.charCount;
    const update = function () {
      const value = field.value;
      counter.textContent = "字数：" + (kind === "body" ? bodyCount(value) : visibleCount(value));
    };
    field.addEventListener("input", update);
    update();
  }

  function watchPreview(field) {
    const form = field.form;
    const token = form && form.querySelector("input[name=csrfmiddlewaretoken]");
    if (!token) return;
    const preview = document.createElement("div");
    preview.className = "body-preview";
    preview.setAttribute("aria-live", "polite");
    const heading = document.createElement("p");
    heading.className = "body-preview-title";
    heading.textContent = "读者看到的正文（预览）";
    const blocks = document.createElement("div");
    blocks.className = "body-preview-content";
    preview.append(heading, blocks);
    const counter = field.parentNode.querySelector(".char-count[data-for='" + field.id + "']");
    (counter || field).after(preview);

    let timer = null;
    let latest = 0;
    const refresh = function () {
      const request = ++latest;
      const data = new FormData();
      data.append("csrfmiddlewaretoken", token.value);
      data.append("body", field.value);
      if (field.dataset.article) data.append("article", field.dataset.article);
      fetch(field.dataset.previewUrl, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { "X-Requested-With": "fetch" },
      })
        .then(function (response) {
          if (!response.ok) throw new Error(String(response.status));
          return response.text();
        })
        .then(function (html) {
          // An older answer arriving late must not replace a newer one.
          if (request !== latest) return;
          // The server escaped and sanitised every piece (nh3); nothing here is executed.
          blocks.innerHTML = html;
          preview.classList.remove("body-preview-failed");
        })
        .catch(function () {
          if (request !== latest) return;
          preview.classList.add("body-preview-failed");
          blocks.textContent = "预览暂时无法更新，保存不受影响。";
        });
    };
    field.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(refresh, PREVIEW_DELAY_MS);
    });
    refresh();
  }

  function start() {
    document.querySelectorAll(".char-count[data-for]").forEach(watchCount);
    document.querySelectorAll("textarea[data-preview-url]").forEach(watchPreview);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
