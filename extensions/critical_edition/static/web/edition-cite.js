/* Cite this: every ¶ and every note of the web edition has an address a reader can copy, and
 * every ¶ can be cited, in Korean and as BibTeX.
 *
 * - A ¶ number (a link to #p-N) opens a small panel under it: "주소 복사" copies the ¶'s
 *   absolute address; "이 문단 인용하기" shows the edition's citation of the ¶ and its BibTeX,
 *   each with a copy button. Escape, the close button or a click elsewhere closes it, and the
 *   focus goes back to the number. Ctrl-, Shift- or middle-click still follow the link.
 * - A note's permalink (#) copies the note's address.
 * - Every copy is confirmed on screen and to screen readers (a polite live region).
 *
 * Addresses: edition_base_url + the page's path under the site's top folder (from the
 * page's data-content_root), or, without a base address, the page's own address.
 * Settings come from this script's data attributes (critical_edition.citation), never from
 * generated script. Without script the numbers and permalinks stay plain links.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var settings = script ? script.dataset : {};
  var status = null;
  var statusTimer = 0;
  var panel = null; /* the open panel, and the number that opened it */
  var opener = null;

  /* -- Addresses and dates ------------------------------------------------------------- */

  function pageAddress() {
    var here = window.location.href.split("#")[0].split("?")[0];
    var base = settings.baseUrl || "";
    if (!base) {
      return here;
    }
    var rootAttr = document.documentElement.getAttribute("data-content_root") || "./";
    var root = new URL(rootAttr, here).href;
    var path = here.indexOf(root) === 0 ? here.slice(root.length) : "";
    return base + path;
  }

  function addressOf(id) {
    return pageAddress() + "#" + id;
  }

  function pad(number) {
    return (number < 10 ? "0" : "") + number;
  }

  function today() {
    var now = new Date();
    return {
      iso: now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate()),
      ko: now.getFullYear() + "년 " + (now.getMonth() + 1) + "월 " + now.getDate() + "일",
    };
  }

  /* -- Citations ----------------------------------------------------------------------- */

  /* ¶N in Korean: the author, the title, the original's issue; the edition, its editors,
     version and date; the ¶, its address and the day it was read. */
  function koreanCitation(number, url) {
    var parts = [];
    if (settings.author) {
      parts.push(settings.author);
    }
    var title = "「" + settings.title + "」";
    parts.push(settings.original ? title + ", " + settings.original + ";" : title);
    var edition = "디지털 비판본";
    if (settings.editors) {
      edition += ", " + settings.editors + " 엮음";
    }
    parts.push(edition);
    if (settings.version) {
      parts.push("판 " + settings.version + (settings.dateLabel ? " (" + settings.dateLabel + ")" : ""));
    }
    parts.push("¶" + number);
    parts.push(url + " (접속: " + today().ko + ").");
    return parts.join(", ").replace(";,", ";");
  }

  /* Text in a BibTeX field: TeX's special characters escaped. */
  function tex(text) {
    return String(text).replace(/[\\{}%&#$_^~]/g, function (c) {
      if (c === "\\") {
        return "\\textbackslash{}";
      }
      if (c === "^" || c === "~") {
        return "\\" + c + "{}";
      }
      return "\\" + c;
    });
  }

  function bibtex(number, url) {
    var year = (settings.date || "").slice(0, 4);
    var note = "¶" + number + (settings.original ? ". 원문: " + settings.original : "");
    var fields = [
      ["author", settings.author ? "{" + tex(settings.author) + "}" : ""],
      ["title", tex(settings.title)],
      ["editor", settings.editors ? "{" + tex(settings.editors) + "}" : ""],
      ["howpublished", "디지털 비판본, \\url{" + url.replace(/[%#]/g, "\\$&") + "}"],
      ["version", tex(settings.version || "")],
      ["date", settings.date || ""],
      ["year", year],
      ["url", url.replace(/%/g, "\\%")],
      ["urldate", today().iso],
      ["langid", "korean"],
      ["note", tex(note)],
    ];
    var lines = fields
      .filter(function (field) {
        return field[1];
      })
      .map(function (field) {
        return "  " + (field[0] + "            ").slice(0, 12) + " = {" + field[1] + "},";
      });
    return "@misc{" + (settings.key || "edition") + "-p" + number + ",\n" + lines.join("\n") + "\n}";
  }

  /* -- Copying and telling --------------------------------------------------------------- */

  function announce(message) {
    if (!status) {
      status = document.createElement("div");
      status.className = "edition-cite-status";
      status.setAttribute("role", "status");
      status.setAttribute("aria-live", "polite");
      document.body.appendChild(status);
    }
    window.clearTimeout(statusTimer);
    status.textContent = "";
    status.classList.remove("is-shown");
    /* A new text node, a moment later: the same message is announced again. */
    window.setTimeout(function () {
      status.textContent = message;
      status.classList.add("is-shown");
      statusTimer = window.setTimeout(function () {
        status.classList.remove("is-shown");
        status.textContent = "";
      }, 4000);
    }, 50);
  }

  /* Without the Clipboard API (an insecure page, an older browser): a selected text area and
     the copy command. */
  function copyBySelection(text) {
    var focused = document.activeElement;
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "edition-cite-scratch";
    document.body.appendChild(area);
    area.select();
    var copied = false;
    try {
      copied = document.execCommand("copy");
    } catch (error) {
      copied = false;
    }
    document.body.removeChild(area);
    if (focused && focused.focus) {
      focused.focus();
    }
    return copied;
  }

  /* Copy text; if the browser refuses, select it in its field (shown) for the reader to copy,
     or (a note's address, which has no field) put it in the address bar. */
  function copy(text, done, field) {
    function failed() {
      if (!field) {
        window.location.hash = text.slice(text.indexOf("#") + 1);
        announce("복사하지 못했습니다. 주소 표시줄의 주소를 복사하십시오.");
        return;
      }
      if (field) {
        field.focus();
        if (field.select) {
          field.select();
        } else {
          var range = document.createRange();
          range.selectNodeContents(field);
          var selection = window.getSelection();
          selection.removeAllRanges();
          selection.addRange(range);
        }
      }
      announce("복사하지 못했습니다. 선택된 글을 Ctrl+C(⌘C)로 복사하십시오.");
    }
    function fallback() {
      if (copyBySelection(text)) {
        announce(done);
      } else {
        failed();
      }
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () {
        announce(done);
      }, fallback);
    } else {
      fallback();
    }
  }

  /* -- The panel of a ¶ ------------------------------------------------------------------ */

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text) {
      node.textContent = text;
    }
    return node;
  }

  function button(className, text) {
    var node = element("button", "btn btn-sm " + className, text);
    node.type = "button";
    return node;
  }

  function close(returnFocus) {
    if (!panel) {
      return;
    }
    panel.parentNode.removeChild(panel);
    panel = null;
    if (opener) {
      opener.setAttribute("aria-expanded", "false");
      if (returnFocus) {
        opener.focus();
      }
    }
    opener = null;
  }

  /* Under the number, inside the viewport. */
  function place(number) {
    var parent = panel.offsetParent || document.body;
    var box = parent.getBoundingClientRect();
    var mark = number.getBoundingClientRect();
    var width = panel.offsetWidth;
    var viewport = document.documentElement.clientWidth;
    var left = Math.max(8, Math.min(mark.left, viewport - width - 8));
    panel.style.left = left - box.left + "px";
    panel.style.top = mark.bottom - box.top + 4 + "px";
  }

  function open(number) {
    var para = number.closest("p") || number.parentNode;
    var n = number.getAttribute("data-para") || number.textContent.trim();
    var url = addressOf(para.id || "p-" + n);
    close(false);
    opener = number;
    panel = element("div", "edition-cite");
    panel.id = "edition-cite-panel";
    panel.setAttribute("role", "dialog");
    panel.setAttribute("aria-label", "¶" + n + "의 주소와 인용");

    var head = element("div", "edition-cite-head");
    head.appendChild(element("span", "edition-cite-title", "¶" + n));
    var shut = button("edition-cite-close", "×");
    shut.setAttribute("aria-label", "닫기");
    shut.title = "닫기 (Esc)";
    shut.addEventListener("click", function () {
      close(true);
    });
    head.appendChild(shut);
    panel.appendChild(head);

    var row = element("div", "edition-cite-row");
    var field = element("input", "edition-cite-url");
    field.type = "text";
    field.readOnly = true;
    field.value = url;
    field.setAttribute("aria-label", "¶" + n + "의 주소");
    var copyUrl = button("edition-cite-copy-url", "주소 복사");
    copyUrl.addEventListener("click", function () {
      copy(url, "주소를 복사했습니다", field);
    });
    row.appendChild(field);
    row.appendChild(copyUrl);
    panel.appendChild(row);

    var forms = element("div", "edition-cite-forms");
    forms.id = "edition-cite-forms";
    forms.hidden = true;
    var toggle = button("edition-cite-toggle", "이 문단 인용하기");
    toggle.setAttribute("aria-expanded", "false");
    toggle.setAttribute("aria-controls", forms.id);
    toggle.addEventListener("click", function () {
      var show = forms.hidden;
      if (show && !forms.firstChild) {
        fillForms(forms, n, url);
      }
      forms.hidden = !show;
      toggle.setAttribute("aria-expanded", show ? "true" : "false");
      place(number);
    });
    panel.appendChild(toggle);
    panel.appendChild(forms);

    para.parentNode.insertBefore(panel, para.nextSibling);
    number.setAttribute("aria-expanded", "true");
    place(number);
    copyUrl.focus();
  }

  function fillForms(forms, n, url) {
    var text = koreanCitation(n, url);
    var bib = bibtex(n, url);
    var textLabel = element("p", "edition-cite-label", "한국어 인용");
    var textBox = element("p", "edition-cite-text", text);
    textBox.tabIndex = -1;
    var copyText = button("edition-cite-copy-text", "인용 복사");
    copyText.addEventListener("click", function () {
      copy(text, "인용을 복사했습니다", textBox);
    });
    var bibLabel = element("p", "edition-cite-label", "BibTeX");
    var bibBox = element("pre", "edition-cite-bibtex", bib);
    bibBox.tabIndex = -1;
    var copyBib = button("edition-cite-copy-bibtex", "BibTeX 복사");
    copyBib.addEventListener("click", function () {
      copy(bib, "BibTeX를 복사했습니다", bibBox);
    });
    [textLabel, textBox, copyText, bibLabel, bibBox, copyBib].forEach(function (node) {
      forms.appendChild(node);
    });
  }

  /* A click with no modifier: Ctrl-, Shift- or middle-click still opens the link. */
  function plainClick(event) {
    return event.button === 0 && !(event.ctrlKey || event.metaKey || event.shiftKey || event.altKey);
  }

  function wireNumbers() {
    document.querySelectorAll("a.edition-pnum").forEach(function (number) {
      number.setAttribute("aria-haspopup", "dialog");
      number.setAttribute("aria-expanded", "false");
      number.title = "이 문단의 주소 복사, 인용하기";
      number.addEventListener("click", function (event) {
        if (!plainClick(event)) {
          return;
        }
        event.preventDefault();
        if (opener === number) {
          close(true);
        } else {
          open(number);
        }
      });
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && panel) {
        close(panel.contains(document.activeElement) || document.activeElement === opener);
      }
    });
    document.addEventListener("click", function (event) {
      if (panel && !panel.contains(event.target) && !(opener && opener.contains(event.target))) {
        close(false);
      }
    });
    window.addEventListener("resize", function () {
      if (panel && opener) {
        place(opener);
      }
    });
  }

  /* -- Notes ------------------------------------------------------------------------------ */

  function wireNotes() {
    document.querySelectorAll("a.edition-note-permalink").forEach(function (link) {
      var id = (link.getAttribute("href") || "").slice(1);
      if (!id) {
        return;
      }
      link.setAttribute("aria-label", "이 주석의 주소 복사");
      link.title = "이 주석의 주소 복사";
      link.addEventListener("click", function (event) {
        if (!plainClick(event)) {
          return;
        }
        event.preventDefault();
        copy(addressOf(id), "주소를 복사했습니다", null);
      });
    });
  }

  function start() {
    wireNumbers();
    wireNotes();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
