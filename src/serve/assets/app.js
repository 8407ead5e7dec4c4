// morgue's page script: small additions to a page that works without it.
// Scraped text is never put in the page from here (no innerHTML): the server
// renders results, and this script only moves focus and submits the form.
"use strict";

document.addEventListener("keydown", (event) => {
  // "/" focuses the search box, as on many search sites, unless typing.
  const typing = event.target.closest("input, textarea, select, [contenteditable]");
  if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
    const box = document.getElementById("q");
    if (box) {
      event.preventDefault();
      box.focus();
      box.select();
    }
  }
});

// A changed filter narrows the search at once; paging restarts at the top.
const form = document.querySelector("form[role=search]");
if (form) {
  for (const select of form.querySelectorAll("select")) {
    select.addEventListener("change", () => form.requestSubmit());
  }
}
