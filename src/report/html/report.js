// Filtering and sorting of the findings table. Reads the page's own markup only: no account data
// is ever placed in a script.
(function () {
  "use strict";
  var table = document.getElementById("findings");
  if (!table || !table.tBodies.length) {
    return;
  }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  rows.forEach(function (row, index) {
    row.wascanIndex = index;
    row.wascanText = Array.prototype.filter
      .call(row.cells, function (cell) { return !cell.hasAttribute("data-nosearch"); })
      .map(function (cell) { return cell.textContent; })
      .join(" ")
      .toLowerCase();
  });

  var pillar = document.getElementById("filter-pillar");
  var severity = document.getElementById("filter-severity");
  var status = document.getElementById("filter-status");
  var text = document.getElementById("filter-text");
  var shown = document.getElementById("shown-count");
  var none = document.getElementById("no-match");

  function matches(row) {
    var query = text.value.trim().toLowerCase();
    return (!pillar.value || row.getAttribute("data-pillar") === pillar.value) &&
      (!severity.value || row.getAttribute("data-severity") === severity.value) &&
      (!status.value || row.getAttribute("data-status") === status.value) &&
      (!query || row.wascanText.indexOf(query) !== -1);
  }

  function filter() {
    var count = 0;
    rows.forEach(function (row) {
      var visible = matches(row);
      row.hidden = !visible;
      if (visible) {
        count += 1;
      }
    });
    shown.textContent = String(count);
    none.hidden = count !== 0;
  }

  [pillar, severity, status].forEach(function (control) {
    control.addEventListener("change", filter);
  });
  text.addEventListener("input", filter);
  document.getElementById("filter-reset").addEventListener("click", function () {
    pillar.value = "";
    severity.value = "";
    status.value = "";
    text.value = "";
    filter();
  });

  function key(row, column) {
    var cell = row.cells[column];
    var sortKey = cell.getAttribute("data-sort");
    return sortKey !== null ? sortKey : cell.textContent.trim().toLowerCase();
  }

  function compare(a, b) {
    var x = Number(a);
    var y = Number(b);
    if (a !== "" && b !== "" && !isNaN(x) && !isNaN(y)) {
      return x - y;
    }
    return a < b ? -1 : a > b ? 1 : 0;
  }

  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  headers.forEach(function (header, column) {
    var button = header.querySelector("button");
    if (!button) {
      return;
    }
    button.addEventListener("click", function () {
      var direction = header.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
      headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
      header.setAttribute("aria-sort", direction);
      var sign = direction === "ascending" ? 1 : -1;
      rows.sort(function (a, b) {
        return sign * compare(key(a, column), key(b, column)) || a.wascanIndex - b.wascanIndex;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });

  filter();
})();
