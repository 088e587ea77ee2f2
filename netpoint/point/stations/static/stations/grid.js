// The station grid: refreshed every 3 s without reloading the page, filtered as the cashier
// types, with keyboard shortcuts for the counter's usual steps.
(function () {
  const grid = document.getElementById("grid");
  if (!grid) return;
  const search = document.getElementById("grid-search");
  const noMatch = document.getElementById("grid-no-match");

  // Vietnamese names are searched without their accents: "nguyen van an" finds "Nguyễn Văn An".
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d")
      .toLowerCase().replace(/\s+/g, " ").trim();
  }

  function filter() {
    const wanted = fold(search ? search.value : "");
    let shown = 0;
    const cards = grid.querySelectorAll("article.station");
    cards.forEach(function (card) {
      const match = !wanted || fold(card.dataset.search || "").includes(wanted);
      card.hidden = !match;
      if (match) shown += 1;
    });
    if (noMatch) noMatch.hidden = !(wanted && cards.length && !shown);
  }

  async function refresh() {
    let response;
    try {
      response = await fetch(grid.dataset.src, { credentials: "same-origin" });
    } catch (err) {
      return; // The server is restarting or unreachable: keep the last grid and try again.
    }
    const login = response.headers.get("X-Netpoint-Login");
    if (response.status === 401 || login) {
      // Signed out: the whole page goes to the login form, and comes back here after it.
      const next = window.location.pathname + window.location.search;
      window.location.assign((login || grid.dataset.login) + "?next=" + encodeURIComponent(next));
      return;
    }
    if (!response.ok) return;
    // A menu the cashier opened stays open through the refresh.
    const open = Array.from(grid.querySelectorAll("details[open]")).map(function (d) {
      return d.dataset.menu;
    });
    grid.innerHTML = await response.text();
    open.forEach(function (key) {
      const menu = grid.querySelector('details[data-menu="' + key + '"]');
      if (menu) menu.open = true;
    });
    filter();
  }

  if (search) search.addEventListener("input", filter);
  filter();

  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === "Escape" && event.target === search) {
      search.value = "";
      filter();
      search.blur();
      return;
    }
    const fkey = event.key === "F2" || event.key === "F3";
    if (!fkey && typing(event.target)) return;
    if (event.key === "/") {
      event.preventDefault();
      if (search) search.focus();
    } else if (event.key === "c" || event.key === "C" || event.key === "F2") {
      // The first free station the cashier can see (after the search, if any).
      const link = Array.from(grid.querySelectorAll("article.station:not([hidden]) a[data-check-in]"))[0];
      if (link) {
        event.preventDefault();
        window.location.assign(link.href);
      }
    } else if (event.key === "k" || event.key === "K" || event.key === "F3") {
      event.preventDefault();
      window.location.assign(grid.dataset.customers);
    }
  });

  setInterval(refresh, 3000);
})();
