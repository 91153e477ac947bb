/* The edition's reader controls.
 *
 * - Reading: the text shows the corrected reading; a button switches the whole edition to
 *   the diplomatic reading (every character as the witness has it) and back. The choice is
 *   kept in localStorage and applied before the page is painted.
 * - Notes: on wide screens they sit in the margin; pointing at or focusing a marker or its
 *   lemma highlights the note. On narrow screens they are hidden: hover or focus shows a
 *   preview (CSS), and a tap or Enter on the marker opens the note under the line.
 */
(function () {
  "use strict";

  var KEY = "edition-reading";
  var DIPLOMATIC = "edition-diplomatic";
  var root = document.documentElement;
  var narrow = window.matchMedia("(max-width: 991.98px)");

  function stored() {
    try {
      return window.localStorage.getItem(KEY);
    } catch (error) {
      return null;
    }
  }

  function store(value) {
    try {
      window.localStorage.setItem(KEY, value);
    } catch (error) {
      /* private mode: the choice lasts for this page only */
    }
  }

  if (stored() === "diplomatic") {
    root.classList.add(DIPLOMATIC);
  }

  function setReading(diplomatic, buttons) {
    root.classList.toggle(DIPLOMATIC, diplomatic);
    store(diplomatic ? "diplomatic" : "corrected");
    buttons.forEach(function (button) {
      button.setAttribute("aria-pressed", diplomatic ? "true" : "false");
    });
  }

  function addReadingToggle() {
    if (!document.querySelector(".edition-numbered, .edition-corrections")) {
      return;
    }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "btn edition-reading-toggle";
    button.textContent = "저본대로";
    button.title = "교정하지 않은 저본의 글자 그대로 읽기 (다시 누르면 교정본)";
    button.setAttribute("aria-pressed", root.classList.contains(DIPLOMATIC) ? "true" : "false");
    var buttons = [button];
    button.addEventListener("click", function () {
      setReading(!root.classList.contains(DIPLOMATIC), buttons);
    });
    var header = document.querySelector(".article-header-buttons");
    if (header) {
      header.insertBefore(button, header.firstChild);
    } else {
      var article = document.querySelector("article") || document.body;
      article.insertBefore(button, article.firstChild);
    }
  }

  function noteOf(element) {
    var id = element.getAttribute("data-note") || (element.getAttribute("href") || "").slice(1);
    return id ? document.getElementById(id) : null;
  }

  function lemmataOf(note) {
    return document.querySelectorAll('[data-note="' + note.id + '"]');
  }

  function setActive(note, active) {
    if (!note) {
      return;
    }
    note.classList.toggle("is-active", active);
    lemmataOf(note).forEach(function (lemma) {
      lemma.classList.toggle("is-active", active);
    });
  }

  function wireNotes() {
    var markers = document.querySelectorAll("a.edition-note-marker");
    markers.forEach(function (marker) {
      var note = noteOf(marker);
      if (!note) {
        return;
      }
      marker.setAttribute("aria-expanded", "false");
      marker.setAttribute("aria-controls", note.id);
      ["mouseenter", "focus"].forEach(function (type) {
        marker.addEventListener(type, function () {
          setActive(note, true);
        });
      });
      ["mouseleave", "blur"].forEach(function (type) {
        marker.addEventListener(type, function () {
          setActive(note, false);
        });
      });
      marker.addEventListener("click", function (event) {
        event.preventDefault();
        if (narrow.matches) {
          var open = !note.classList.contains("is-open");
          note.classList.toggle("is-open", open);
          marker.setAttribute("aria-expanded", open ? "true" : "false");
        } else {
          setActive(note, true);
          note.focus({ preventScroll: true });
          window.setTimeout(function () {
            setActive(note, false);
          }, 1600);
        }
      });
    });
    document.querySelectorAll(".edition-lemma[data-note], .edition-emendation[data-note]").forEach(
      function (lemma) {
        var note = noteOf(lemma);
        lemma.addEventListener("mouseenter", function () {
          setActive(note, true);
        });
        lemma.addEventListener("mouseleave", function () {
          setActive(note, false);
        });
      },
    );
    /* A note opened by its address (#n-…) on a narrow screen is shown, not hidden. */
    if (window.location.hash.indexOf("#n-") === 0) {
      var target = document.getElementById(window.location.hash.slice(1));
      if (target) {
        target.classList.add("is-open");
      }
    }
  }

  /* Persons and terms: hover or focus shows the preview (CSS). On a touch screen the first
     tap shows it and the second follows the link; Escape hides an open preview. */
  function wireTerms() {
    Array.prototype.forEach.call(document.querySelectorAll("a.edition-term"), function (link) {
      var preview = document.getElementById(link.getAttribute("aria-describedby"));
      if (!preview) {
        return;
      }
      link.addEventListener("click", function (event) {
        if (window.matchMedia("(hover: none)").matches && !preview.classList.contains("is-open")) {
          event.preventDefault();
          preview.classList.add("is-open");
        }
      });
      link.addEventListener("blur", function () {
        preview.classList.remove("is-open");
      });
      link.addEventListener("keydown", function (event) {
        if (event.key === "Escape") {
          preview.classList.remove("is-open");
          preview.classList.add("is-dismissed");
        }
      });
      link.addEventListener("focus", function () {
        preview.classList.remove("is-dismissed");
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    addReadingToggle();
    wireNotes();
    wireTerms();
  });
})();
