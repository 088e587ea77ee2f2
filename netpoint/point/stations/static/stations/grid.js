// Refresh the station grid every 3 s without reloading the page.
(function () {
  const grid = document.getElementById("grid");
  if (!grid) return;
  async function refresh() {
    try {
      const response = await fetch(grid.dataset.src, { credentials: "same-origin" });
      if (response.ok) grid.innerHTML = await response.text();
    } catch (err) {
      // The server is restarting or unreachable: keep the last grid and try again.
    }
  }
  setInterval(refresh, 3000);
})();
