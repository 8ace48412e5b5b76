/* The search page of this book (loaded after Sphinx's searchtools.js): formulas read as text in
   the snippets, and a page whose term the glossary defines is listed once, at the definition.

   A snippet is the text of the page around the words found; Sphinx takes a formula's text as it
   is, so a matrix reads "H=(fxxfxyfyxfyy)". Here each formula is written out first, in one line:
   "H=(f_xx, f_xy; f_yx, f_yy)", "∂f/∂x", "x^2", "√(…)". */
(function () {
  "use strict";
  var TOKENS = { mi: 1, mn: 1, mo: 1, mtext: 1, ms: 1, mspace: 1 };

  function linear(node) {
    var tag = node.localName;
    if (TOKENS[tag]) return node.textContent;
    var parts = [].map.call(node.children, linear);
    switch (tag) {
      case "mfrac": return parts[0] + "/" + parts[1];
      case "msup": return /^[′″‴]+$/.test(parts[1]) ? parts[0] + parts[1] : parts[0] + "^" + parts[1];
      case "msub": return parts[0] + "_" + parts[1];
      case "msubsup": return parts[0] + "_" + parts[1] + "^" + parts[2];
      case "munder": case "mover": case "munderover": return parts.join("");
      case "msqrt": return "√(" + parts.join("") + ")";
      case "mroot": return parts[1] + "√(" + parts[0] + ")";
      case "mtable": return parts.join("; ");
      case "mtr": return parts.join(", ");
      case "semantics": return parts[0] || "";
      case "annotation": case "annotation-xml": return "";
      default: return parts.join("");
    }
  }

  var toText = Search.htmlToText;
  Search.htmlToText = function (html, anchor) {
    // another page's <style> blocks hold no text, and parsing them here would apply styles this
    // page's Content-Security-Policy does not allow (a page's policy lists its own styles' hashes)
    html = html.replace(/<style\b[^>]*>[\s\S]*?<\/style\s*>/gi, "");
    var doc = new DOMParser().parseFromString(html, "text/html");
    doc.querySelectorAll("math").forEach(function (m) {
      m.replaceWith(doc.createTextNode(linear(m)));
    });
    return toText(doc.documentElement.outerHTML, anchor);
  };

  /* A glossary term found by its index entry links to its definition; the same page found again
     by its text would be listed a second time: that second listing is dropped. */
  var query = "";
  var perform = Search._performSearch;
  Search._performSearch = function (q) {
    query = q.toLowerCase().trim();
    return perform.apply(this, arguments);
  };
  var terms = Search.performTermsSearch;
  Search.performTermsSearch = function () {
    var results = terms.apply(this, arguments);
    var entries = Search._index.indexentries || {};
    var defined = {};
    Object.keys(entries).forEach(function (entry) {
      if (entry.indexOf(query) !== -1 && query.length >= entry.length / 2) {
        entries[entry].forEach(function (hit) { defined[hit[0]] = true; });
      }
    });
    var docnames = Search._index.docnames;
    return results.filter(function (r) {
      return !defined[docnames.indexOf(r[0])];
    });
  };
})();
