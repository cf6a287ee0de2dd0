// handbook.js: small enhancements on top of plain pages. Every feature here
// is optional: with JavaScript off, the pages and their links still work.
// No network calls: the site must work when opened from disk.
(function () {
  "use strict";

  // Exercise list filters: show the filter form and hide list items that do
  // not match every chosen value. Without JS the per-value pages do this.
  function setUpFilters() {
    var form = document.getElementById("filters");
    if (!form) return;
    var items = Array.prototype.slice.call(document.querySelectorAll(".page-list > li"));
    var status = form.querySelector(".filter-status");
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    form.hidden = false;

    function apply() {
      var shown = 0;
      items.forEach(function (li) {
        var ok = selects.every(function (s) {
          if (!s.value) return true;
          var have = (li.getAttribute("data-" + s.name) || "").split(" ");
          return have.indexOf(s.value) >= 0;
        });
        li.hidden = !ok;
        if (ok) shown++;
      });
      status.textContent = shown + " of " + items.length + " exercises shown";
    }
    selects.forEach(function (s) { s.addEventListener("change", apply); });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    apply();
  }

  setUpFilters();
})();
