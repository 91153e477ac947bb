/*
 * Korean query stemmer of the edition's search. Sphinx embeds this file in
 * _static/language_data.js as the `Stemmer` that searchtools.js applies to every query word
 * (already lowercased) before it looks the word up in the index.
 *
 * The index holds nouns and stems without particles and endings (트로츠키, 레닌, 이끌다), as
 * the analyser found them at build time. The browser has no analyser, so this stemmer peels
 * particles and endings off the query word and accepts only a remainder that IS in the index
 * (terms or title terms): 트로츠키는 → 트로츠키, 반대파들은 → 반대파, 이끌었다 → 이끌다,
 * 비판했다 → 비판. A word that is itself in the index is kept (고양이 stays 고양이); when no
 * remainder is, the word is returned unchanged and Sphinx's substring match still applies.
 *
 * Compounds the analyser kept whole (유언장) are in the index whole, not by their parts.
 * `Stemmer.compoundsOf(noun)` lists the indexed compounds a noun heads: the noun followed by
 * one of the productive suffixes below (유언 → 유언장; 레닌 → 레닌주의), so that the search
 * finds the noun inside them. A cut must leave exactly such a suffix, so a wrong cut cannot
 * match (레닌 does not head 레닌그라드, 부하 does not head 부하린, 네프 does not head 네프맨).
 * A remainder of a query word that heads such a compound counts as known (유언을 → 유언).
 */
var Stemmer = function () {
  // Particles and copula forms that follow a noun; up to three are peeled (반대파+들+은).
  const PARTICLES = [
    "은", "는", "이", "가", "을", "를", "의", "에", "에서", "에게", "에게서", "께", "께서",
    "한테", "로", "으로", "로서", "으로서", "로써", "으로써", "로부터", "으로부터", "와", "과",
    "랑", "이랑", "도", "만", "까지", "부터", "마저", "조차", "처럼", "보다", "만큼", "나",
    "이나", "든지", "이든지", "며", "이며", "고", "이고", "다", "이다", "였다", "이었다",
    "라는", "이라는", "라고", "이라고", "란", "이란", "인", "야", "이야", "들", "뿐", "밖에",
  ];
  // Forms of 하다/되다/시키다 and the suffix 적 after a noun: the remainder is the noun.
  const NOUN_ENDINGS = [
    "하다", "한다", "하는", "한", "할", "함", "하기", "하고", "하며", "하면", "하여", "해",
    "해서", "하지", "하였다", "하였고", "하였던", "하였으며", "했다", "했고", "했던", "했으며",
    "했지만", "되다", "된다", "되는", "된", "될", "되어", "되고", "되며", "되었다", "되었고",
    "됐다", "시켰다", "시킨", "시키는", "적", "적인", "적으로", "적이다",
  ];
  // Endings after a verb or adjective stem: the remainder + 다 is the dictionary form.
  const VERB_ENDINGS = [
    "다", "는", "은", "을", "고", "며", "으며", "면", "으면", "서", "어서", "아서", "여서", "어",
    "아", "여", "게", "지", "기", "음", "던", "도록", "려고", "으려고", "자", "지만", "는데",
    "었다", "았다", "였다", "었던", "았던", "었고", "았고", "었으며", "았으며", "었을", "았을",
    "었지만", "았지만", "겠다",
  ];
  const HANGUL_FIRST = 0xac00;
  const HANGUL_LAST = 0xd7a3;
  // Final consonants (jongseong index) that a verb ending can fuse into the last syllable:
  // ㄴ (한 → 하다), ㄹ (할 → 하다), ㅁ (함 → 하다), ㅆ (했 → 하다).
  const FUSED_FINALS = new Set([4, 8, 16, 20]);
  const FINAL_RIEUL = 8;

  const hasOwn = (object, key) =>
    object != null && Object.prototype.hasOwnProperty.call(object, key);
  const known = (word) => {
    const index = typeof Search !== "undefined" ? Search._index : null;
    return index != null && (hasOwn(index.terms, word) || hasOwn(index.titleterms, word));
  };
  const peel = (word, suffixes) =>
    suffixes
      .filter((s) => word.length > s.length && word.endsWith(s))
      .map((s) => word.slice(0, -s.length));

  // The syllable without its final consonant, and with ㄹ as final (ㄹ-irregular: 이끈 → 이끌).
  const unfused = (word) => {
    const code = word.charCodeAt(word.length - 1);
    if (code < HANGUL_FIRST || code > HANGUL_LAST) return [];
    const final = (code - HANGUL_FIRST) % 28;
    if (!FUSED_FINALS.has(final)) return [];
    const open = code - final;
    const forms = [word.slice(0, -1) + String.fromCharCode(open)];
    if (final === 4) forms.push(word.slice(0, -1) + String.fromCharCode(open + FINAL_RIEUL));
    return forms;
  };

  const candidates = (word) => {
    const found = [];
    let layer = [word];
    for (let depth = 0; depth < 3 && layer.length; depth++) {
      layer = layer.flatMap((w) => peel(w, PARTICLES));
      found.push(...layer);
    }
    for (const w of [word, ...found]) {
      found.push(...peel(w, NOUN_ENDINGS));
      const stems = [...peel(w, VERB_ENDINGS), ...unfused(w)];
      for (const stem of stems) {
        found.push(stem + "다", ...unfused(stem).map((s) => s + "다"));
      }
    }
    // Peel as little as possible: the longest remainder that is in the index wins.
    return [...new Set(found)].filter((c) => c).sort((a, b) => b.length - a.length);
  };

  this.stemWord = (word) => {
    if (known(word)) return word;
    const stems = candidates(word);
    return stems.find(known) ?? stems.find((w) => Stemmer.compoundsOf(w).length) ?? word;
  };
};

// Suffixes that make a compound noun of the noun before them (Sino-Korean bound nouns and
// suffixes: 유언장, 레닌주의, 혁명가, 관료적, 노동자, 국민당, 볼셰비키파, 영구혁명론 …).
Stemmer.COMPOUND_SUFFIXES = [
  "주의자", "주의", "장", "자", "가", "파", "당", "론", "적", "성", "화", "회", "회의", "집",
  "원", "인", "사", "어", "소", "부", "대", "단", "국", "군", "권", "력", "문", "서", "제",
  "기", "일", "직", "층", "계", "관", "측", "법", "안", "선", "전", "지", "청", "학",
];
Stemmer._compounds = new Map();
Stemmer.compoundsOf = (noun) => {
  const index = typeof Search !== "undefined" ? Search._index : null;
  if (index == null || noun.length < 2 || !/^[가-힣]+$/.test(noun)) return [];
  if (!Stemmer._compounds.has(noun)) {
    const found = new Set();
    for (const terms of [index.terms, index.titleterms])
      for (const suffix of Stemmer.COMPOUND_SUFFIXES)
        if (Object.prototype.hasOwnProperty.call(terms, noun + suffix)) found.add(noun + suffix);
    Stemmer._compounds.set(noun, [...found]);
  }
  return Stemmer._compounds.get(noun);
};
