/* plangraf site: marks the quotes that begin at the line a link opens (source pages), and searches the
   prebuilt index (search page). Everything from the data is set as text (textContent), never as markup. */
(function () {
  "use strict";

  function highlight() {
    document.querySelectorAll("mark.hit").forEach(function (m) { m.classList.remove("hit"); });
    var match = /^#L(\d+)$/.exec(window.location.hash);
    if (match) {
      document.querySelectorAll('mark[data-s~="' + match[1] + '"]').forEach(function (m) { m.classList.add("hit"); });
    }
  }

  function fold(text) {
    return (text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function item(list, href, text, extra) {
    var li = document.createElement("li");
    var a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    li.appendChild(a);
    if (extra) { li.appendChild(document.createTextNode(" " + extra)); }
    list.appendChild(li);
    return li;
  }

  function search() {
    var data = window.plangrafSearch, limit = 200;
    var query = new URLSearchParams(window.location.search).get("q") || "";
    document.getElementById("q").value = query;
    var words = fold(query).split(/\s+/).filter(Boolean);
    if (!data || !words.length) { return; }
    var matches = function (text) { return words.every(function (w) { return text.indexOf(w) >= 0; }); };
    var nodes = data.nodes.filter(function (n) { return matches(fold(n.slice(1).join(" "))); });
    var rank = function (n) { return (matches(fold(n[1])) ? 0 : 1e6) + n[1].length; };  // named so, shortest first
    nodes.sort(function (a, b) { return rank(a) - rank(b); });
    var quotes = data.quotes.filter(function (q) { return matches(fold(q[1])); });
    var nodeList = document.getElementById("node-results"), quoteList = document.getElementById("quote-results");
    nodes.slice(0, limit).forEach(function (n) {
      item(nodeList, n[0], n[1], "— " + n[4] + (n[2] && n[2] !== n[1] ? " — " + n[2] : ""));
    });
    quotes.slice(0, limit).forEach(function (q) {
      var node = data.nodes[q[2]], li = item(quoteList, q[0], "line " + q[0].split("#L")[1]);
      li.appendChild(document.createTextNode(" \u201c" + q[1] + "\u201d \u2014 "));
      var a = document.createElement("a");
      a.href = node[0];
      a.textContent = node[1];
      li.appendChild(a);
    });
    document.getElementById("node-heading").hidden = !nodes.length;
    document.getElementById("quote-heading").hidden = !quotes.length;
    document.getElementById("summary").textContent = nodes.length + " node(s) and " + quotes.length +
      " quote(s) match" + (nodes.length > limit || quotes.length > limit ? "; the first " + limit + " of each are shown" : "") + ".";
  }

  var page = document.body.dataset.page;
  if (page === "source") {
    highlight();
    window.addEventListener("hashchange", highlight);
  } else if (page === "search") {
    search();
  }
})();
