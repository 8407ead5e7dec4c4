// morgue's page script: small additions to a page that works without it.
// It never builds markup from scraped text: live search fetches the page the
// server renders (escaped there) and moves its results in; everything else
// is keys and form submits.
"use strict";

const form = document.querySelector("form[role=search]");
const box = document.getElementById("q");

document.addEventListener("keydown", (event) => {
  // "/" focuses the search box, as on many search sites, unless typing.
  const typing = event.target.closest("input, textarea, select, [contenteditable]");
  if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey && box) {
    event.preventDefault();
    box.focus();
    box.select();
  }
});

if (form) {
  // A changed filter narrows the search at once; paging restarts at the top.
  for (const select of form.querySelectorAll("select")) {
    select.addEventListener("change", () => form.requestSubmit());
  }

  // Live search: a pause in typing shows the new results without a reload,
  // and the URL follows, so the search can still be bookmarked and shared.
  let pending = null;
  let latest = 0;
  const refresh = async () => {
    const query = new URLSearchParams(new FormData(form));
    for (const [name, value] of [...query]) {
      if (value === "") query.delete(name);
    }
    const url = `/?${query}`;
    const asked = ++latest;
    try {
      const response = await fetch(url, { headers: { Accept: "text/html" } });
      const page = new DOMParser().parseFromString(await response.text(), "text/html");
      const main = page.querySelector("main");
      if (asked !== latest || !main) return;
      document.querySelector("main").replaceWith(document.adoptNode(main));
      document.title = page.title;
      const said = document.getElementById("announce");
      const summary = document.querySelector("main .summary, main .error");
      if (said && summary) said.textContent = summary.textContent;
      history.replaceState(null, "", url);
    } catch (error) {
      // The form still works: Enter submits it.
    }
  };
  if (box) {
    box.addEventListener("input", () => {
      clearTimeout(pending);
      pending = setTimeout(refresh, 250);
    });
  }
}
