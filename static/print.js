// 印刷 buttons: the page's print stylesheet does the rest. (No inline script: see the CSP.)
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-print]")) {
    window.print();
  }
});
