// The ward type-ahead: as one types (accents or not, or a code), the server's matches are shown
// under the field; the province's change refreshes them. Without this script the page's
// <datalist> still offers the province's wards and the server reads what was typed.
(() => {
  const form = document.querySelector("form[data-wards]");
  if (!form) return;
  const province = form.querySelector("[name=province_code]");
  const ward = form.querySelector("[name=ward_code]");
  const list = document.createElement("ul");
  list.id = "ward-matches";
  list.className = "matches";
  list.setAttribute("role", "listbox");
  list.hidden = true;
  Object.assign(list.style, { listStyle: "none", margin: "0", padding: "0", maxHeight: "16rem",
    overflowY: "auto", border: "1px solid var(--line)", background: "var(--surface)" });
  ward.after(list);
  ward.removeAttribute("list"); // the list below replaces the browser's own
  ward.setAttribute("role", "combobox");
  ward.setAttribute("aria-controls", list.id);
  let asked = 0;

  async function offer() {
    const mine = ++asked;
    const query = new URLSearchParams({ province: province.value, q: ward.value });
    const response = await fetch(`${form.dataset.wards}?${query}`, { credentials: "same-origin" });
    if (!response.ok || mine !== asked) return;
    const options = new DOMParser().parseFromString(
      `<datalist>${await response.text()}</datalist>`, "text/html").querySelectorAll("option");
    list.replaceChildren(...[...options].map((option) => {
      const item = document.createElement("li");
      item.setAttribute("role", "option");
      item.textContent = option.value;
      item.style.cssText = "padding: .3rem .6rem; cursor: pointer";
      item.addEventListener("mousedown", (event) => {
        event.preventDefault();
        ward.value = option.value;
        list.hidden = true;
      });
      return item;
    }));
    list.hidden = options.length === 0 || document.activeElement !== ward;
  }

  // Arrows move through the matches, Enter takes one, Escape closes them.
  let current = -1;
  function mark(index) {
    const items = [...list.children];
    current = Math.max(-1, Math.min(index, items.length - 1));
    items.forEach((item, i) => {
      item.setAttribute("aria-selected", String(i === current));
      item.style.background = i === current ? "var(--line)" : "";
    });
  }
  ward.addEventListener("keydown", (event) => {
    if (list.hidden) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      mark(current + (event.key === "ArrowDown" ? 1 : -1));
    } else if (event.key === "Enter" && current >= 0) {
      event.preventDefault();
      ward.value = list.children[current].textContent;
      list.hidden = true;
    } else if (event.key === "Escape") {
      list.hidden = true;
    }
  });
  ward.addEventListener("input", () => { current = -1; offer(); });
  ward.addEventListener("focus", offer);
  ward.addEventListener("blur", () => { list.hidden = true; });
  province.addEventListener("change", () => { ward.value = ""; });
})();
