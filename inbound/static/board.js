// The board's live refresh: every few seconds, fetch the first page with the page's own filters and redraw
// the rows (text only, never markup from the server). Pages past the first stay as they are.
(function () {
  "use strict";
  var PERIOD_MS = 5000;
  var params = new URLSearchParams(window.location.search);
  if (params.get("cursor")) { return; }
  var rows = document.getElementById("board-rows");
  var note = document.getElementById("refreshed");
  if (!rows) { return; }

  function label(status) {
    var words = status.split("_").map(function (w) { return w.charAt(0).toUpperCase() + w.slice(1); });
    return words.join(" ");
  }
  function dollars(cents) {
    return cents === null ? "" : "$" + (cents / 100).toLocaleString("en-US", {minimumFractionDigits: 2});
  }
  function when(iso) { return iso ? iso.replace("T", " ").slice(0, 16) : ""; }
  function cell(tr, text) { var td = document.createElement("td"); td.textContent = text; tr.appendChild(td); return td; }

  function draw(items) {
    var body = document.createDocumentFragment();
    items.forEach(function (r) {
      var tr = document.createElement("tr");
      tr.dataset.id = r.id;
      var link = document.createElement("a");
      link.href = "/console/referrals/" + r.id;
      link.textContent = "#" + r.code;
      cell(tr, "").appendChild(link);
      cell(tr, label(r.status)); cell(tr, r.mode); cell(tr, r.zip); cell(tr, r.client_type);
      cell(tr, when(r.created_at)); cell(tr, r.winner ? r.winner.name : ""); cell(tr, String(r.offers_sent));
      cell(tr, r.seconds_to_claim === null ? "" : r.seconds_to_claim + "s");
      cell(tr, r.sale_amount ? "$" + r.sale_amount.toLocaleString("en-US") : ""); 
      if ("fee_cents" in r) { cell(tr, dollars(r.fee_cents)); }
      body.appendChild(tr);
    });
    if (!items.length) {
      var empty = document.createElement("tr");
      cell(empty, "No referrals match.").colSpan = 11;
      body.appendChild(empty);
    }
    rows.replaceChildren(body);
  }

  function refresh() {
    fetch("/console/board.json?" + params.toString(), {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      })
      .then(function (page) {
        draw(page.items);
        note.textContent = "Updated " + new Date().toLocaleTimeString() + ".";
      })
      .catch(function () { note.textContent = "Could not refresh; trying again."; });
  }
  window.setInterval(refresh, PERIOD_MS);
}());
