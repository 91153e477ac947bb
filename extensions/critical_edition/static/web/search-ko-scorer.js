/*
 * The edition's search scorer (Sphinx's `html_search_scorer`: Sphinx puts this file in
 * _static/language_data.js, where it replaces the default `Scorer` of searchtools.js).
 *
 * Sphinx orders results by score and, when scores are equal, alphabetically by title, so
 * pages that hold a word equally often came in the order of their titles. This scorer gives
 * every result a score that orders the results, highest first:
 *
 *   1. the article's parts before every other page (front and back matter);
 *   2. then results whose heading matches the query (Sphinx's title and index-entry results)
 *      before full-text results;
 *   3. then more hits first: for a full-text result, how often the query's words occur on
 *      the page (edition-search.js counts them from the build's counts and puts the number
 *      in the result's score); for a heading result, Sphinx's own score of the match;
 *   4. then reading order (the order of the table of contents).
 *
 * The pages, their reading order and which of them are the article's parts come from the
 * search page's JSON element #edition-search-ranks, written at build time
 * (search_ko/ranks.py). Without it every page counts as one of the article's, in the order
 * of the index: the ordering still puts more hits first.
 */
var Scorer = {
  // Sphinx's default weights, used where searchtools.js scores a match itself.
  objNameMatch: 11,
  objPartialMatch: 6,
  objPrio: { 0: 15, 1: 5, 2: -5 },
  objPrioDefault: 0,
  title: 15,
  partialTitle: 7,
  term: 5,
  partialTerm: 2,

  // The ranking data of the search page, read once.
  _ranks: null,
  ranks: () => {
    if (Scorer._ranks === null) {
      const element = document.getElementById("edition-search-ranks");
      let data = {};
      try {
        data = element ? JSON.parse(element.textContent) : {};
      } catch (error) {
        data = {};
      }
      const pages = data.pages || [];
      const parts = new Set((data.parts || []).map((i) => pages[i]));
      const hits = data.hits || {};
      const counts = new Map(); // term → Map(place → count), parsed when first asked
      Scorer._ranks = {
        order: new Map(pages.map((page, i) => [page, i])),
        isPart: (page) => !pages.length || parts.has(page),
        // How often `term` occurs on the page at `place` (1 where the data says no more).
        count: (term, place) => {
          if (!Object.prototype.hasOwnProperty.call(hits, term)) return 1;
          if (!counts.has(term))
            counts.set(
              term,
              new Map(hits[term].split(" ").map((pair) => pair.split(":").map(Number))),
            );
          return counts.get(term).get(place) || 1;
        },
        pages,
      };
    }
    return Scorer._ranks;
  },

  score: (result) => {
    const [docName, , , , score, , kind] = result;
    const { order, isPart } = Scorer.ranks();
    const place = order.has(docName) ? order.get(docName) : order.size;
    const heading = kind === "title" || kind === "index";
    return (
      (isPart(docName) ? 2e9 : 1e9)
      + (heading ? 5e8 : 0)
      + Math.min(Math.max(Math.round(score), 0), 99999) * 1000
      + Math.max(999 - place, 0)
    );
  },
};
