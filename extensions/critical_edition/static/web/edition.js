/* The edition's reader controls and note layout.
 *
 * Without script every note is printed in place, right after its marker, as a small block:
 * nothing is hidden and nothing needs the pointer. The script (this file, in <head>) marks
 * the page html.edition-js before it is painted and enhances that:
 *
 * - Reading controls (읽기 설정, in the article header): the reading (교정본 or 저본대로; the
 *   header's reading button says which is shown), how each series of notes shows (편집 주석,
 *   출처 주석: 여백에, 눌러서, 숨김) and the text size. Every choice is kept in localStorage
 *   and applied before the page is painted; the defaults come from conf.py
 *   (edition_notes_display), as data attributes of this script's tag.
 * - Wide screens (a margin beside the text): notes of a series shown "in the margin" stand
 *   beside their marker's line, each as whole as the room before the next note allows, down
 *   to one line (the label, the kind and the note's first words). Pointing at or focusing a
 *   marker shows its note whole beside the line; a click (or Enter) keeps it open there, as
 *   does a click on the collapsed note; another click, its close button or Escape closes it.
 *   Notes shown "on demand" appear only so, beside their line.
 * - Narrow screens (phones, tablets): a tap or Enter on a marker opens its note under the
 *   line, in the text; again, or Escape, closes it.
 * - Escape closes the open note (or the controls) and returns the focus to its marker.
 */
(function () {
  "use strict";

  var root = document.documentElement;
  var script = document.currentScript;
  var SERIES = ["editorial", "source"];
  var DISPLAYS = ["margin", "demand", "hidden"];
  var SIZES = { small: 0.9, normal: 1, large: 1.125, larger: 1.25 };
  var KEYS = {
    reading: "edition-reading",
    editorial: "edition-notes-editorial",
    source: "edition-notes-source",
    size: "edition-text-size",
  };
  var DIPLOMATIC = "edition-diplomatic";
  var WIDE = "edition-notes-wide";
  var wideQuery = window.matchMedia("(min-width: 992px)");
  var GAP = 6; /* px between two notes in the margin */

  root.classList.add("edition-js");

  function stored(key) {
    try {
      return window.localStorage.getItem(key);
    } catch (error) {
      return null;
    }
  }

  function store(key, value) {
    try {
      window.localStorage.setItem(key, value);
    } catch (error) {
      /* private mode: the choice lasts for this page only */
    }
  }

  /* The defaults of conf.py, on this script's tag. */
  function defaultDisplay(series) {
    var value = script && script.getAttribute("data-notes-" + series);
    return DISPLAYS.indexOf(value) >= 0 ? value : "margin";
  }

  var state = {
    reading: stored(KEYS.reading) === "diplomatic" ? "diplomatic" : "corrected",
    size: SIZES.hasOwnProperty(stored(KEYS.size)) ? stored(KEYS.size) : "normal",
  };
  SERIES.forEach(function (series) {
    var value = stored(KEYS[series]);
    state[series] = DISPLAYS.indexOf(value) >= 0 ? value : defaultDisplay(series);
  });

  /* Apply the choices to <html>: classes the stylesheet reads, and the text size. */
  function apply() {
    root.classList.toggle(DIPLOMATIC, state.reading === "diplomatic");
    SERIES.forEach(function (series) {
      DISPLAYS.forEach(function (display) {
        root.classList.toggle("edition-" + series + "-" + display, state[series] === display);
      });
    });
    root.style.setProperty("--edition-text-scale", String(SIZES[state.size]));
  }
  apply();

  /* -- Notes --------------------------------------------------------------------------------- */

  function noteOf(element) {
    var id = element.getAttribute("data-note") || (element.getAttribute("href") || "").slice(1);
    var note = id ? document.getElementById(id) : null;
    return note && note.classList.contains("edition-note") ? note : null;
  }

  function markerOf(note) {
    return document.getElementById("r-" + note.id.slice(2));
  }

  function lemmataOf(note) {
    return document.querySelectorAll('[data-note="' + note.id + '"]');
  }

  function seriesOf(note) {
    return note.classList.contains("edition-series-source") ? "source" : "editorial";
  }

  function isWide() {
    return root.classList.contains(WIDE);
  }

  function pageTop(element) {
    return element.getBoundingClientRect().top + window.pageYOffset;
  }

  /* The margin's geometry, measured by layoutNotes: the page x of its left edge, its width. */
  var margin = { left: 0, width: 0 };

  /* A note in the margin goes to a page height (its containing block is its paragraph). */
  function placeAt(note, top) {
    var parent = note.offsetParent.getBoundingClientRect();
    note.style.setProperty("--edition-note-width", margin.width + "px");
    note.style.setProperty("--edition-note-left", margin.left - parent.left - window.pageXOffset + "px");
    note.style.setProperty("--edition-note-top", top - pageTop(note.offsetParent) + "px");
  }

  /* Shown whole beside its marker (opened or pointed at), or back to its place. */
  function show(note) {
    var whole = note.classList.contains("is-open") || note.classList.contains("is-active");
    lemmataOf(note).forEach(function (lemma) {
      lemma.classList.toggle("is-active", whole);
    });
    if (!isWide() || !note.offsetParent) {
      return;
    }
    var marker = markerOf(note);
    if (whole && marker) {
      placeAt(note, pageTop(marker));
    } else if (note.dataset.top) {
      placeAt(note, Number(note.dataset.top));
    }
  }

  function setActive(note, active) {
    note.classList.toggle("is-active", active);
    show(note);
  }

  function openNotes() {
    return Array.prototype.slice.call(document.querySelectorAll("span.edition-note.is-open"));
  }

  function setOpen(note, open) {
    if (open && isWide()) {
      /* beside the text, one open note at a time: they would cover each other */
      openNotes().forEach(function (other) {
        if (other !== note) {
          setOpen(other, false);
        }
      });
    }
    note.classList.toggle("is-open", open);
    note.classList.remove("is-active");
    var marker = markerOf(note);
    if (marker) {
      marker.setAttribute("aria-expanded", open ? "true" : "false");
      marker.classList.toggle("is-open", open);
    }
    show(note);
    if (open) {
      bringIntoView(note, marker);
    }
  }

  /* An opened note is scrolled into view, its marker's line kept on the screen. */
  function bringIntoView(note, marker) {
    var box = note.getBoundingClientRect();
    var over = box.bottom - (window.innerHeight - 8);
    if (over > 0) {
      var line = marker ? marker.getBoundingClientRect().top - 72 : over;
      window.scrollBy(0, Math.max(0, Math.min(over, line)));
    }
  }

  /* Wide screens, where a margin of at least 10rem stands right of the text: each margin
     note at its marker's line or just below the note before it; as whole as the room before
     the next note's line allows, down to one line. */
  function layoutNotes() {
    var article = document.querySelector("article.bd-article");
    var notes = document.querySelectorAll("span.edition-note");
    if (!article || !notes.length) {
      return;
    }
    root.classList.add("edition-has-notes");
    var wanted = wideQuery.matches && (state.editorial !== "hidden" || state.source !== "hidden");
    root.classList.toggle(WIDE, wanted);
    var style = window.getComputedStyle(article);
    var outer = article.getBoundingClientRect();
    var right = outer.right - parseFloat(style.paddingRight); /* the text's right edge */
    var gap = 24;
    var width = Math.min(root.clientWidth - 16 - right - gap, 18 * 16);
    margin = { left: right + gap + window.pageXOffset, width: width };
    if (wanted && width < 160) {
      root.classList.remove(WIDE);
    }
    var wide = isWide();
    /* Reads and writes in separate passes: one layout each, not one per note. */
    Array.prototype.forEach.call(notes, function (note) {
      note.classList.remove("is-line", "is-clipped");
      ["top", "left", "width", "height"].forEach(function (name) {
        note.style.removeProperty("--edition-note-" + name);
      });
      delete note.dataset.top;
    });
    if (!wide) {
      return;
    }
    var placed = [];
    Array.prototype.forEach.call(notes, function (note) {
      var marker = markerOf(note);
      if (marker && note.offsetParent && state[seriesOf(note)] === "margin") {
        var parent = note.offsetParent.getBoundingClientRect();
        placed.push({
          note: note,
          want: pageTop(marker),
          parentTop: parent.top + window.pageYOffset,
          parentLeft: parent.left + window.pageXOffset,
        });
      }
    });
    if (!placed.length) {
      return;
    }
    placed.forEach(function (entry) {
      entry.note.style.setProperty("--edition-note-width", margin.width + "px");
      entry.note.style.setProperty("--edition-note-left", margin.left - entry.parentLeft + "px");
    });
    placed.forEach(function (entry) {
      entry.full = entry.note.offsetHeight;
    });
    /* one line of a note: its label and first words */
    placed[0].note.classList.add("is-line");
    var line = placed[0].note.offsetHeight;
    placed[0].note.classList.remove("is-line");
    var step = parseFloat(window.getComputedStyle(placed[0].note).lineHeight) || line;
    var bottom = -Infinity;
    var end = pageTop(article) + article.offsetHeight; /* the last notes stop with the text */
    placed.forEach(function (entry, index) {
      var next = placed[index + 1];
      var top = Math.max(entry.want, bottom + GAP);
      var room = (next ? next.want - GAP : end) - top;
      var height = entry.full;
      if (room < entry.full) {
        /* whole lines that fit, or the one-line form */
        var lines = Math.floor((room - (line - step)) / step);
        if (lines >= 2) {
          height = line - step + lines * step;
          entry.note.style.setProperty("--edition-note-height", height + "px");
          entry.note.classList.add("is-clipped");
        } else {
          height = line;
          entry.note.classList.add("is-line");
        }
      }
      entry.note.dataset.top = String(top);
      entry.note.style.setProperty("--edition-note-top", top - entry.parentTop + "px");
      bottom = top + height;
    });
    openNotes().concat(
      Array.prototype.slice.call(document.querySelectorAll("span.edition-note.is-active")),
    ).forEach(show);
  }

  var relayout = (function () {
    var pending = 0;
    return function () {
      window.cancelAnimationFrame(pending);
      pending = window.requestAnimationFrame(layoutNotes);
    };
  })();

  function makeCloseButton(note) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "edition-note-close";
    button.setAttribute("aria-label", "주석 닫기");
    button.title = "주석 닫기 (Esc)";
    button.textContent = "×";
    button.addEventListener("click", function (event) {
      event.stopPropagation();
      setOpen(note, false);
      var marker = markerOf(note);
      if (marker) {
        marker.focus();
      }
    });
    note.insertBefore(button, note.firstChild);
  }

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
      if (isWide() && !note.classList.contains("is-open")) {
        setActive(note, true);
      }
    }
    /* Only a mouse previews: on a touch screen the tap opens the note. */
    function pointing(event) {
      return event.pointerType === "mouse";
    }
    document.querySelectorAll("a.edition-note-marker").forEach(function (marker) {
      var note = noteOf(marker);
      if (!note) {
        return;
      }
      makeCloseButton(note);
      marker.setAttribute("aria-expanded", "false");
      marker.setAttribute("aria-controls", note.id);
      marker.addEventListener("pointerenter", function (event) {
        if (pointing(event)) {
          now(note);
        }
      });
      marker.addEventListener("pointerleave", function () {
        later(note);
      });
      marker.addEventListener("focus", function () {
        if (marker.matches(":focus-visible")) {
          now(note);
        }
      });
      marker.addEventListener("blur", function () {
        later(note);
      });
      marker.addEventListener("click", function (event) {
        event.preventDefault();
        setOpen(note, !note.classList.contains("is-open"));
      });
      note.addEventListener("pointerenter", function () {
        window.clearTimeout(timers[note.id]);
      });
      note.addEventListener("pointerleave", function () {
        later(note);
      });
      /* a click on a collapsed note in the margin opens it (its links still work) */
      note.addEventListener("click", function (event) {
        if (isWide() && !event.target.closest("a, button") && !note.classList.contains("is-open")) {
          setOpen(note, true);
        }
      });
    });
    document.querySelectorAll(".edition-lemma[data-note], .edition-emendation[data-note]").forEach(
      function (lemma) {
        var note = noteOf(lemma);
        if (!note) {
          return;
        }
        lemma.classList.add("edition-series-" + seriesOf(note));
        lemma.addEventListener("pointerenter", function (event) {
          if (pointing(event)) {
            now(note);
          }
        });
        lemma.addEventListener("pointerleave", function () {
          later(note);
        });
      },
    );
    /* A note opened by its address (#n-…) is shown open. */
    function fromAddress() {
      if (window.location.hash.indexOf("#n-") === 0) {
        var target = document.getElementById(window.location.hash.slice(1));
        if (target && target.classList.contains("edition-note")) {
          setOpen(target, true);
        }
      }
    }
    fromAddress();
    window.addEventListener("hashchange", fromAddress);
  }

  /* Escape: closes the reading controls, else the open or shown notes, and puts the focus
     back on what opened them. */
  function onEscape(event) {
    if (event.key !== "Escape" || (event.target.matches && event.target.matches("a.edition-term"))) {
      return; /* a term's preview closes on its own */
    }
    var panel = document.getElementById("edition-controls");
    if (panel && !panel.hidden) {
      setPanel(false);
      document.querySelector(".edition-controls-toggle").focus();
      return;
    }
    var focused = document.activeElement;
    var home = null;
    if (focused && focused.closest) {
      var inside = focused.closest("span.edition-note");
      home = inside || (focused.matches("a.edition-note-marker") ? noteOf(focused) : null);
    }
    var shown = document.querySelectorAll("span.edition-note.is-open, span.edition-note.is-active");
    var last = null;
    Array.prototype.forEach.call(shown, function (note) {
      last = note;
      setOpen(note, false);
    });
    /* back to the marker of the note the focus was in or on, or (focus nowhere) the last */
    var nowhere = !focused || focused === document.body;
    var back = home || (nowhere ? last : null);
    var marker = back && markerOf(back);
    if (marker) {
      marker.focus({ preventScroll: true });
    }
  }

  /* -- Reading controls ------------------------------------------------------------------- */

  var READINGS = { corrected: "교정본", diplomatic: "저본대로" };
  var CHOICES = {
    reading: [
      ["corrected", "교정본"],
      ["diplomatic", "저본대로"],
    ],
    editorial: [
      ["margin", "여백에"],
      ["demand", "눌러서"],
      ["hidden", "숨김"],
    ],
    source: [
      ["margin", "여백에"],
      ["demand", "눌러서"],
      ["hidden", "숨김"],
    ],
    size: [
      ["small", "작게"],
      ["normal", "보통"],
      ["large", "크게"],
      ["larger", "아주 크게"],
    ],
  };
  var LEGENDS = { reading: "본문", editorial: "편집 주석", source: "출처 주석", size: "글자 크기" };

  function choose(name, value) {
    state[name] = value;
    store(KEYS[name], value);
    apply();
    if (name !== "reading") {
      /* notes of a series now hidden are closed */
      openNotes().forEach(function (note) {
        if (state[seriesOf(note)] === "hidden") {
          setOpen(note, false);
        }
      });
    }
    sync();
    relayout();
  }

  /* Every control says the current choice. */
  function sync() {
    document.querySelectorAll(".edition-reading-toggle").forEach(function (button) {
      var other = state.reading === "diplomatic" ? "corrected" : "diplomatic";
      button.querySelector(".edition-reading-now").textContent = READINGS[state.reading];
      button.setAttribute("data-reading", state.reading);
      button.title = "보이는 읽기: " + READINGS[state.reading] + " (누르면 " + READINGS[other] + ")";
    });
    document.querySelectorAll("#edition-controls input[type=radio]").forEach(function (input) {
      input.checked = state[input.name.slice("edition-".length)] === input.value;
    });
  }

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

  function setPanel(open) {
    var panel = document.getElementById("edition-controls");
    var toggle = document.querySelector(".edition-controls-toggle");
    if (!panel || !toggle) {
      return;
    }
    if (open) {
      panel.style.top = toggle.getBoundingClientRect().bottom + 4 + "px";
    }
    panel.hidden = !open;
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
  }

  function controlsIcon() {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 20 20");
    svg.setAttribute("width", "18");
    svg.setAttribute("height", "18");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    [
      [3, 5, 17, 5, 7],
      [3, 10, 17, 10, 13],
      [3, 15, 17, 15, 9],
    ].forEach(function (row) {
      var path = document.createElementNS(ns, "path");
      path.setAttribute("d", "M" + row[0] + " " + row[1] + "H" + row[2]);
      path.setAttribute("stroke", "currentColor");
      path.setAttribute("stroke-width", "1.6");
      path.setAttribute("stroke-linecap", "round");
      svg.appendChild(path);
      var knob = document.createElementNS(ns, "circle");
      knob.setAttribute("cx", String(row[4]));
      knob.setAttribute("cy", String(row[1]));
      knob.setAttribute("r", "2.2");
      knob.setAttribute("fill", "currentColor");
      svg.appendChild(knob);
    });
    return svg;
  }

  function addControls() {
    var text = document.querySelector(".edition-numbered, .edition-corrections");
    if (!text) {
      return;
    }
    var hasNotes = !!document.querySelector("span.edition-note");
    var header = document.querySelector(".article-header-buttons");
    var holder = element("div", "edition-controls-holder");
    if (header) {
      header.insertBefore(holder, header.firstChild);
    } else {
      var article = document.querySelector("article") || document.body;
      article.insertBefore(holder, article.firstChild);
    }

    var reading = element("button", "btn edition-reading-toggle");
    reading.type = "button";
    reading.appendChild(element("span", "edition-reading-caption", "본문:"));
    reading.appendChild(element("span", "edition-reading-now"));
    reading.addEventListener("click", function () {
      choose("reading", state.reading === "diplomatic" ? "corrected" : "diplomatic");
    });
    holder.appendChild(reading);

    var toggle = element("button", "btn edition-controls-toggle");
    toggle.type = "button";
    toggle.setAttribute("aria-label", "읽기 설정");
    toggle.title = "읽기 설정: 본문, 주석, 글자 크기";
    toggle.setAttribute("aria-controls", "edition-controls");
    toggle.setAttribute("aria-expanded", "false");
    toggle.appendChild(controlsIcon());
    holder.appendChild(toggle);

    var panel = element("div", "edition-controls");
    panel.id = "edition-controls";
    panel.setAttribute("role", "group");
    panel.setAttribute("aria-label", "읽기 설정");
    panel.hidden = true;
    Object.keys(CHOICES).forEach(function (name) {
      if (!hasNotes && (name === "editorial" || name === "source")) {
        return;
      }
      var set = element("fieldset", "edition-controls-set");
      set.appendChild(element("legend", null, LEGENDS[name]));
      CHOICES[name].forEach(function (choice) {
        var label = element("label", "edition-controls-choice");
        var input = document.createElement("input");
        input.type = "radio";
        input.name = "edition-" + name;
        input.value = choice[0];
        input.addEventListener("change", function () {
          if (input.checked) {
            choose(name, input.value);
          }
        });
        label.appendChild(input);
        label.appendChild(document.createTextNode(" " + choice[1]));
        set.appendChild(label);
      });
      panel.appendChild(set);
    });
    if (hasNotes) {
      panel.appendChild(
        element("p", "edition-controls-hint", "화면이 좁으면 여백의 주석도 표지를 눌러서 봅니다."),
      );
    }
    holder.appendChild(panel);
    toggle.addEventListener("click", function () {
      setPanel(panel.hidden);
      if (!panel.hidden) {
        var checked = panel.querySelector("input:checked");
        if (checked) {
          checked.focus();
        }
      }
    });
    /* a click elsewhere closes the panel */
    document.addEventListener("click", function (event) {
      if (!panel.hidden && !holder.contains(event.target)) {
        setPanel(false);
      }
    });
    sync();
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
    addControls();
    layoutNotes();
    wireNotes();
    wireTerms();
    document.addEventListener("keydown", onEscape);
    /* Fonts, the sidebar, the reading and the text size move the lines. */
    window.addEventListener("load", relayout);
    window.addEventListener("resize", relayout);
    if (document.fonts && document.fonts.ready) {
      document.fonts.ready.then(relayout);
    }
    var article = document.querySelector("article.bd-article");
    if (article && window.ResizeObserver) {
      new window.ResizeObserver(relayout).observe(article);
    }
  });
})();
