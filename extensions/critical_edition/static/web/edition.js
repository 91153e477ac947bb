/* The edition's reader controls.
 *
 * - Reading: the text shows the corrected reading; a button switches the whole edition to
 *   the diplomatic reading (every character as the witness has it) and back. The choice is
 *   kept in localStorage and applied before the page is painted.
 * - Notes, where the margin beside the text is wide enough: each note is placed in the
 *   margin at the height of its marker, below the note before it, and shows its first two
 *   lines. Pointing at or focusing its marker or lemma opens it whole beside the marker;
 *   a click on the marker keeps it open (another click or Escape closes it). So a note is
 *   never more than a click away from its line, however dense the apparatus.
 * - Notes, where the margin is too narrow (phones, tablets, small windows): they are
 *   hidden; hover or focus shows a preview (CSS), and a tap or Enter on the marker opens
 *   the note under the line; Escape closes it.
 * - Without script: notes float in the margin on wide screens, and open by their address
 *   (#n-…) or on focus on narrow ones.
 */
(function () {
  "use strict";

  var KEY = "edition-reading";
  var DIPLOMATIC = "edition-diplomatic";
  var root = document.documentElement;
  var narrow = window.matchMedia("(max-width: 991.98px)");
  var MARGIN = "edition-notes-margin";
  var COMPACT = "edition-notes-compact";
  var GAP = 6; /* px between two notes in the margin */

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

  function markerOf(note) {
    return document.getElementById("r-" + note.id.slice(2));
  }

  function lemmataOf(note) {
    return document.querySelectorAll('[data-note="' + note.id + '"]');
  }

  function inMargin() {
    return root.classList.contains(MARGIN);
  }

  /* The page's y of an element's top. */
  function pageTop(element) {
    return element.getBoundingClientRect().top + window.pageYOffset;
  }

  /* Margin mode: move a note to a page height (its containing block is its paragraph). */
  function placeAt(note, top) {
    note.style.top = top - pageTop(note.offsetParent) + "px";
  }

  /* Open a note whole beside its marker (open), or back to its place in the column. */
  function setActive(note, active) {
    if (!note) {
      return;
    }
    var shown = active || note.classList.contains("is-open");
    note.classList.toggle("is-active", active);
    lemmataOf(note).forEach(function (lemma) {
      lemma.classList.toggle("is-active", active);
    });
    if (inMargin() && note.dataset.top) {
      var marker = markerOf(note);
      placeAt(note, shown && marker ? pageTop(marker) : Number(note.dataset.top));
    }
  }

  function setOpen(note, open) {
    note.classList.toggle("is-open", open);
    var marker = markerOf(note);
    if (marker) {
      marker.setAttribute("aria-expanded", open ? "true" : "false");
    }
    setActive(note, open);
  }

  /* Margin mode when the margin right of the text holds a note of a third of the text's
     width; compact mode otherwise. Each note goes to its marker's height, or just below the
     note before it, collapsed. */
  function layoutNotes() {
    var article = document.querySelector("article.bd-article");
    var notes = document.querySelectorAll("span.edition-note");
    if (!article || !notes.length) {
      return;
    }
    var style = window.getComputedStyle(article);
    var outer = article.getBoundingClientRect();
    var right = outer.right - parseFloat(style.paddingRight); /* the text column's edge */
    var column = right - outer.left - parseFloat(style.paddingLeft);
    var width = Math.min(column * 0.33, 18 * 16);
    var gap = Math.max(column * 0.03, 16);
    var fits = !narrow.matches && right + gap + width <= root.clientWidth - 8;
    root.classList.toggle(MARGIN, fits);
    root.classList.toggle(COMPACT, !fits);
    var bottom = -Infinity;
    Array.prototype.forEach.call(notes, function (note) {
      if (!fits) {
        note.style.removeProperty("top");
        note.style.removeProperty("left");
        note.style.removeProperty("width");
        delete note.dataset.top;
        return;
      }
      var marker = markerOf(note);
      if (!marker || !note.offsetParent) {
        return;
      }
      var parent = note.offsetParent.getBoundingClientRect();
      note.style.width = width + "px";
      note.style.left = right + gap - parent.left + "px";
      var top = Math.max(pageTop(marker), bottom + GAP);
      note.dataset.top = String(top);
      placeAt(note, top);
      bottom = top + note.offsetHeight;
    });
    Array.prototype.forEach.call(document.querySelectorAll("span.edition-note.is-open"), function (note) {
      setActive(note, true);
    });
  }

  var relayout = (function () {
    var pending = 0;
    return function () {
      window.cancelAnimationFrame(pending);
      pending = window.requestAnimationFrame(layoutNotes);
    };
  })();

  function wireNotes() {
    var timers = {};
    function later(note) {
      window.clearTimeout(timers[note.id]);
      timers[note.id] = window.setTimeout(function () {
        if (!note.matches(":hover") && !note.contains(document.activeElement)) {
          setActive(note, false);
        }
      }, 250);
    }
    function now(note) {
      window.clearTimeout(timers[note.id]);
      setActive(note, true);
    }
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
          note.classList.remove("is-dismissed");
          now(note);
        });
      });
      ["mouseleave", "blur"].forEach(function (type) {
        marker.addEventListener(type, function () {
          later(note);
        });
      });
      marker.addEventListener("click", function (event) {
        event.preventDefault();
        note.classList.remove("is-dismissed");
        setOpen(note, !note.classList.contains("is-open"));
      });
      note.addEventListener("mouseenter", function () {
        window.clearTimeout(timers[note.id]);
      });
      note.addEventListener("mouseleave", function () {
        later(note);
      });
    });
    document.querySelectorAll(".edition-lemma[data-note], .edition-emendation[data-note]").forEach(
      function (lemma) {
        var note = noteOf(lemma);
        if (!note) {
          return;
        }
        lemma.addEventListener("mouseenter", function () {
          now(note);
        });
        lemma.addEventListener("mouseleave", function () {
          later(note);
        });
      },
    );
    /* Escape closes the open notes and returns to the marker of the last one. */
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") {
        return;
      }
      var focused = document.activeElement && noteOf(document.activeElement);
      var open = document.querySelectorAll("span.edition-note.is-open, span.edition-note.is-active");
      if (focused && focused.classList.contains("edition-note")) {
        focused.classList.add("is-dismissed"); /* the focus preview of a narrow screen too */
      }
      Array.prototype.forEach.call(open, function (note) {
        setOpen(note, false);
        var marker = markerOf(note);
        if (marker && note.contains(document.activeElement)) {
          marker.focus();
        }
      });
    });
    /* A note opened by its address (#n-…) is shown open. */
    if (window.location.hash.indexOf("#n-") === 0) {
      var target = document.getElementById(window.location.hash.slice(1));
      if (target && target.classList.contains("edition-note")) {
        setOpen(target, true);
      }
    }
  }

  /* A preview under its word (wide screens) is moved into the window: to the left where it
     would cross the right edge, above the word where there is no room below it. */
  function placePreview(link, preview) {
    preview.style.transform = "";
    var box = preview.getBoundingClientRect();
    if (!box.width || window.getComputedStyle(preview).position === "fixed") {
      return; /* hidden, or the sheet at the foot of a phone's screen */
    }
    var gap = 8;
    var dx = Math.max(gap - box.left, Math.min(0, window.innerWidth - gap - box.right));
    var dy = 0;
    var word = link.getBoundingClientRect();
    if (box.bottom > window.innerHeight - gap && word.top - box.height - gap >= 0) {
      dy = word.top - gap / 2 - box.bottom;
    }
    if (dx || dy) {
      preview.style.transform = "translate(" + dx + "px, " + dy + "px)";
    }
  }

  /* Persons and terms: hover or focus shows the preview (CSS). On a touch screen the first
     tap shows it and the second follows the link; Escape hides every preview shown, by
     hover too (WCAG 1.4.13), until the pointer or the focus comes back to its word. */
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
      ["focus", "mouseenter"].forEach(function (type) {
        link.addEventListener(type, function () {
          preview.classList.remove("is-dismissed");
          placePreview(link, preview);
        });
      });
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        document.querySelectorAll(".edition-term-preview").forEach(function (preview) {
          preview.classList.remove("is-open");
          preview.classList.add("is-dismissed");
        });
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    addReadingToggle();
    layoutNotes();
    wireNotes();
    wireTerms();
    /* Fonts, images and the reading (corrected or witness) move the lines. */
    window.addEventListener("load", relayout);
    window.addEventListener("resize", relayout);
    if (document.fonts && document.fonts.ready) {
      document.fonts.ready.then(relayout);
    }
    document.querySelectorAll(".edition-reading-toggle").forEach(function (button) {
      button.addEventListener("click", relayout);
    });
  });
})();
