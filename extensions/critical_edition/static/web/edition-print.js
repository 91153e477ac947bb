/* Printing: the notes of each paragraph, listed under it and numbered by their markers.
 *
 * On screen a note stands in the margin or opens under its line; on paper neither works. Once
 * the page is read, every block with note markers gets, after it, a list of copies of its
 * notes in the order of their markers. The lists are `hidden` (and not read out): only the
 * print stylesheet (edition-print.css) shows them, and hides the notes themselves. Without
 * this script the print stylesheet prints each note in the text, after its marker.
 */
(() => {
  "use strict";

  // The block a marker's note is listed after; in a list item or a table cell, inside it.
  const AFTER = "p, h1, h2, h3, h4, h5, h6, figcaption";
  const INSIDE = "li, dd, td, th";

  const copyOf = (note) => {
    const item = document.createElement("li");
    item.className = "edition-print-note";
    for (const name of note.classList) {
      if (name.startsWith("edition-series-") || name.startsWith("edition-kind-")) {
        item.classList.add(name);
      }
    }
    for (const child of note.childNodes) {
      if (child.nodeType === Node.ELEMENT_NODE && child.matches(".edition-note-permalink")) {
        continue;
      }
      const copy = child.cloneNode(true);
      if (copy.nodeType === Node.ELEMENT_NODE) {
        copy.removeAttribute("id");
        copy.querySelectorAll("[id]").forEach((e) => e.removeAttribute("id"));
        copy.querySelectorAll(".edition-note-permalink").forEach((e) => e.remove());
      }
      item.append(copy);
    }
    return item;
  };

  const listNotes = () => {
    const lists = new Map();
    for (const marker of document.querySelectorAll("a.edition-note-marker[href^='#']")) {
      const note = document.getElementById(decodeURIComponent(marker.hash.slice(1)));
      if (!note) continue;
      const inside = marker.closest(INSIDE);
      const block = inside || marker.closest(AFTER) || marker.parentElement;
      let list = lists.get(block);
      if (!list) {
        list = document.createElement("ol");
        list.className = "edition-print-notes";
        list.hidden = true;
        list.setAttribute("aria-hidden", "true");
        if (inside) block.append(list);
        else block.after(list);
        lists.set(block, list);
      }
      list.append(copyOf(note));
    }
    document.documentElement.classList.add("edition-print-ready");
  };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", listNotes);
  } else {
    listNotes();
  }
})();
