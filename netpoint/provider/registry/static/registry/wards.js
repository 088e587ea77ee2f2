// When the province changes, offer only its wards (the server checks the pair again).
(() => {
  const form = document.querySelector("form[data-wards]");
  if (!form) return;
  const province = form.querySelector("[name=province_code]");
  const ward = form.querySelector("[name=ward_code]");
  province.addEventListener("change", async () => {
    const response = await fetch(`${form.dataset.wards}?province=${encodeURIComponent(province.value)}`,
      { credentials: "same-origin" });
    if (response.ok) ward.innerHTML = await response.text();
  });
})();
