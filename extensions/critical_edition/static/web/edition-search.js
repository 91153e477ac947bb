/*
 * The edition's search results. Loaded on the search page only, with `defer`, so it runs
 * after Sphinx's searchtools.js and before the search starts. It changes these things and
 * leaves the rest of searchtools.js as it is:
 *
 * 1. The full-text search (Search.performTermsSearch) is the edition's:
 *    - a query word stands for the index term it resolved to (the stemmer), the compounds
 *      it heads (유언 → 유언장, see Stemmer.compoundsOf) and, for a word of three letters or
 *      more that is not in the index, every term that contains it (as searchtools.js does);
 *    - a multi-word query is a real AND: a page is kept only if every query word is in it
 *      (searchtools.js ignores words of one or two characters in that check);
 *    - a result's score is its hits: for each query word, how often its most frequent term
 *      occurs on the page (the build's counts, #edition-search-ranks), added up. The
 *      edition's Scorer (search-ko-scorer.js) then puts the article's parts first, more hits
 *      first, reading order last.
 * 2. The words to highlight are the forms found in the text, not the query as typed: the
 *    resolved index term (트로츠키 for 트로츠키는), the written stems of a verb (이끌, 이끄, 이끈 for
 *    이끌다) and, for a name in another script or a usual form, its Korean forms (지노비에프
 *    for Zinoviev or 지노비예프), read from this script's `data-aliases` attribute. Sphinx's
 *    page highlighting (sphinx_highlight.js) gets the same words.
 * 3. Each result shows a snippet of the paragraph where the words occur, highlighted, with
 *    a link to that paragraph's ¶ anchor (p-N) and links to the page's other such
 *    paragraphs; the result's title links to the first of them. A paragraph's text is the
 *    article's: the editors' notes are searched apart, and where the words occur only in a
 *    note the snippet is the note's, with a link to it (주석). On the other pages the snippet
 *    is the register entry or table row where the words occur (the entry whose headword has
 *    them first) and the result links to it (항목). Like Sphinx's own summary, the snippet
 *    needs the page, fetched over http(s); where the browser refuses the fetch (a page
 *    opened from file://) the result stays a link to the page.
 * 4. The messages of searchtools.js that the edition's Korean catalogue translates (the
 *    result count, which Sphinx's Korean catalogue leaves empty) come from this script's
 *    `data-messages` attribute.
 */
"use strict";
(() => {
  if (typeof Search === "undefined") return;

  const script = document.currentScript;
  const aliases = JSON.parse((script && script.dataset.aliases) || "{}");
  // 4. Korean messages (the result count).
  Object.assign(
    Documentation.TRANSLATIONS,
    JSON.parse((script && script.dataset.messages) || "{}"),
  );
  const MAX_PARAGRAPH_LINKS = 12;
  const CONTEXT_BEFORE = 50;
  const CONTEXT_AFTER = 110;

  const hasOwn = (object, key) =>
    object != null && Object.prototype.hasOwnProperty.call(object, key);
  const asList = (files) =>
    files === undefined ? [] : Array.isArray(files) ? files : [files];

  // 1. The full-text search.
  const ranks = () =>
    typeof Scorer !== "undefined" && typeof Scorer.ranks === "function"
      ? Scorer.ranks()
      : { order: new Map(), count: () => 1 };
  const compoundsOf = (word) =>
    typeof Stemmer !== "undefined" && typeof Stemmer.compoundsOf === "function"
      ? Stemmer.compoundsOf(word)
      : [];

  // The terms of one index (text or titles) that stand for a resolved query word.
  const termsFor = (mapping, word) => {
    const found = [];
    if (hasOwn(mapping, word)) found.push(word);
    else if (word.length > 2)
      for (const term of Object.keys(mapping)) if (term.includes(word)) found.push(term);
    for (const compound of compoundsOf(word))
      if (hasOwn(mapping, compound) && !found.includes(compound)) found.push(compound);
    return found;
  };

  // Document number → hits of one resolved query word (1 where the build counted no more).
  const hitsOf = (word) => {
    const { terms, titleterms, docnames } = Search._index;
    const { order, count } = ranks();
    const result = new Map();
    for (const mapping of [terms, titleterms])
      for (const term of termsFor(mapping, word))
        for (const doc of asList(mapping[term])) {
          const hits = count(term, order.get(docnames[doc]));
          result.set(doc, Math.max(result.get(doc) || 0, hits));
        }
    return result;
  };

  Search.performTermsSearch = (searchTerms, excludedTerms) => {
    const { docnames, titles, filenames } = Search._index;
    const words = [...searchTerms].map(hitsOf);
    const excluded = [...excludedTerms].map(hitsOf);
    if (!words.length) return [];
    const results = [];
    for (const doc of words[0].keys()) {
      if (!words.every((hits) => hits.has(doc))) continue;
      if (excluded.some((hits) => hits.has(doc))) continue;
      const score = words.reduce((sum, hits) => sum + hits.get(doc), 0);
      results.push([docnames[doc], titles[doc], "", null, score, filenames[doc], "text"]);
    }
    return results;
  };

  // 2. The written forms of each resolved query word.
  // A verb stem ending in ㄹ drops it before ㄴ, ㅂ and ㅅ (이끌다: 이끈, 이끄는, 이끕니다).
  const RIEUL = 8; // the final consonant ㄹ, as an offset within a Hangul syllable
  const withoutRieul = (stem) => {
    const code = stem.charCodeAt(stem.length - 1) - 0xac00;
    if (code < 0 || code > 11171 || code % 28 !== RIEUL) return [];
    const head = stem.slice(0, -1);
    const bare = 0xac00 + code - RIEUL;
    return [head + String.fromCharCode(bare), head + String.fromCharCode(bare + 4), head + String.fromCharCode(bare + 17)];
  };
  const formsOf = (word) => {
    const forms = [word];
    if (hasOwn(aliases, word)) forms.push(...aliases[word]);
    else if (word.length > 2 && word.endsWith("다")) {
      const stem = word.slice(0, -1);
      forms.push(stem, ...withoutRieul(stem));
    }
    return forms;
  };
  let groups = []; // one list of written forms per query word
  const parseQuery = Search._parseQuery;
  Search._parseQuery = (query) => {
    const parsed = parseQuery(query);
    const [, searchTerms, , highlightTerms] = parsed;
    groups = [...searchTerms].map(formsOf);
    highlightTerms.clear();
    groups.flat().forEach((form) => highlightTerms.add(form));
    if (typeof SPHINX_HIGHLIGHT_ENABLED !== "undefined" && SPHINX_HIGHLIGHT_ENABLED)
      localStorage.setItem("sphinx_highlight_terms", [...highlightTerms].join(" "));
    return parsed;
  };

  // 3. Snippets and paragraph links, instead of Sphinx's summary of the page's start
  //    (unless the edition turned summaries off with html_show_search_summary = False).
  const showSnippets = DOCUMENTATION_OPTIONS.SHOW_SEARCH_SUMMARY;
  DOCUMENTATION_OPTIONS.SHOW_SEARCH_SUMMARY = false;

  const firstMatch = (text, forms) => {
    let best = null;
    for (const form of forms) {
      const at = text.indexOf(form.toLowerCase());
      if (at >= 0 && (best === null || at < best[0])) best = [at, at + form.length];
    }
    return best;
  };
  const groupsIn = (text) => groups.filter((forms) => firstMatch(text, forms)).length;

  // The character ranges of every written form in `text`, merged.
  const ranges = (text) => {
    const lower = text.toLowerCase();
    const found = [];
    for (const form of groups.flat()) {
      const needle = form.toLowerCase();
      for (let at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, at + 1))
        found.push([at, at + needle.length]);
    }
    found.sort((a, b) => a[0] - b[0]);
    const merged = [];
    for (const [start, end] of found) {
      const last = merged[merged.length - 1];
      if (last && start <= last[1]) last[1] = Math.max(last[1], end);
      else merged.push([start, end]);
    }
    return merged;
  };

  const highlighted = (text) => {
    const fragment = document.createDocumentFragment();
    let done = 0;
    for (const [start, end] of ranges(text)) {
      fragment.append(text.slice(done, start));
      const mark = document.createElement("span");
      mark.className = "highlighted";
      mark.textContent = text.slice(start, end);
      fragment.append(mark);
      done = end;
    }
    fragment.append(text.slice(done));
    return fragment;
  };

  const snippet = (text) => {
    const lower = text.toLowerCase();
    const hits = groups.map((forms) => firstMatch(lower, forms)).filter((hit) => hit);
    const at = hits.length ? Math.min(...hits.map((hit) => hit[0])) : 0;
    const start = Math.max(0, at - CONTEXT_BEFORE);
    const end = Math.min(text.length, at + CONTEXT_AFTER);
    return (start > 0 ? "…" : "") + text.slice(start, end) + (end < text.length ? "…" : "");
  };

  const paragraphLink = (page, paragraph) => {
    const link = document.createElement("a");
    link.className = "edition-search-paragraph";
    link.href = `${page}#${paragraph.id}`;
    link.textContent = `¶${paragraph.id.slice(2)}`;
    return link;
  };

  // The register entry (its headword, dt) or the table row that holds an element.
  const entryOf = (element) => {
    const definition = element.closest("dd");
    if (definition) {
      let term = definition.previousElementSibling;
      while (term && term.tagName !== "DT") term = term.previousElementSibling;
      if (term && term.id) return term;
    }
    return element.closest("dt[id], tr[id], li[id]");
  };

  const textOf = (element) => element.textContent.replace(/\s+/g, " ").trim();

  const summarise = (item, html) => {
    const title = item.querySelector("a");
    const [page, anchor] = title.getAttribute("href").split("#");
    const doc = new DOMParser().parseFromString(html, "text/html");
    const main = doc.querySelector('[role="main"]') || doc.body;
    main
      .querySelectorAll(
        ".headerlink, a.edition-pnum, a.edition-note-marker, .edition-term-preview, .no-search, script, style",
      )
      .forEach((e) => e.remove());
    // A paragraph's text is the article's: its notes are searched apart, after it.
    const notes = [...main.querySelectorAll("span.edition-note")];
    notes.forEach((note) => note.remove());
    const scope = (anchor && main.querySelector(`#${CSS.escape(anchor)}`)) || main;
    const blocks = [...scope.querySelectorAll("p, h1, h2, h3, h4, h5, h6, dt, dd, th, td")]
      .concat(scope === main ? notes : [])
      .map((element) => [element, textOf(element)])
      .filter(([, text]) => text);
    const score = new Map(blocks.map(([element, text]) => [element, groupsIn(text.toLowerCase())]));
    const complete = blocks.filter(([element]) => score.get(element) === groups.length);
    const isParagraph = ([e]) => e.classList.contains("edition-numbered") && /^p-\d+$/.test(e.id);
    // A numbered paragraph with every word first, then any block with every word (a heading);
    // when the words are only spread over the page, the paragraph with most of them.
    const closest = (candidates) => {
      const most = candidates.reduce((a, b) => (score.get(b[0]) > score.get(a[0]) ? b : a), candidates[0]);
      return most && score.get(most[0]) > 0 ? most : undefined;
    };
    const isHeadword = ([e]) => e.tagName === "DT" && e.id;
    const best = complete.find(isParagraph)
      || complete.find(isHeadword)
      || complete[0]
      || closest(blocks.filter(isParagraph))
      || closest(blocks)
      || blocks[0];
    if (!best) return;
    const [element, text] = best;
    const paragraphs = complete.filter(isParagraph).map(([e]) => e);

    const summary = document.createElement("p");
    summary.classList.add("context", "edition-search-snippet");
    if (isParagraph(best)) {
      summary.append(paragraphLink(page, element), " ");
      if (!anchor) title.href = `${page}#${element.id}`;
    } else if (notes.includes(element)) {
      const link = document.createElement("a");
      link.className = "edition-search-note";
      link.href = `${page}#${element.id}`;
      link.textContent = "주석";
      summary.append(link, " ");
      if (!anchor) title.href = `${page}#${element.id}`;
    } else if (entryOf(element)) {
      const entry = entryOf(element);
      const link = document.createElement("a");
      link.className = "edition-search-entry";
      link.href = `${page}#${entry.id}`;
      link.textContent = "항목";
      summary.append(link, " ");
      if (!anchor) title.href = `${page}#${entry.id}`;
    }
    summary.append(highlighted(snippet(text)));
    item.append(summary);

    const others = paragraphs.filter((p) => p !== element);
    if (others.length) {
      const more = document.createElement("p");
      more.className = "edition-search-paragraphs";
      more.append("이 쪽의 다른 문단: ");
      others.slice(0, MAX_PARAGRAPH_LINKS).forEach((p, i) => {
        if (i) more.append(" ");
        more.append(paragraphLink(page, p));
      });
      if (others.length > MAX_PARAGRAPH_LINKS) more.append(" …");
      item.append(more);
    }
  };

  const enhance = (item) => {
    const title = item.querySelector("a");
    if (!title) return;
    const url = new URL(title.getAttribute("href"), window.location.href);
    url.hash = "";
    fetch(url)
      .then((response) => response.text())
      .then((html) => summarise(item, html))
      .catch(() => {}) // no page text (file://): the result stays a link to the page
      .finally(() => (item.dataset.snippet = "done"));
  };

  const observe = () => {
    const results = document.getElementById("search-results");
    if (!results || !showSnippets) return;
    new MutationObserver((mutations) => {
      for (const mutation of mutations)
        for (const node of mutation.addedNodes)
          if (node.nodeName === "LI" && node.parentElement?.matches("ul.search")) enhance(node);
    }).observe(results, { childList: true, subtree: true });
  };
  observe();
})();
