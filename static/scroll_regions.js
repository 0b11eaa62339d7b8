// A table wider than a phone scrolls inside itself (app.css); one that does is made
// focusable, so it can be scrolled from the keyboard too.
(() => {
  const mark = () => {
    for (const table of document.querySelectorAll("table")) {
      if (table.scrollWidth > table.clientWidth + 1) {
        table.setAttribute("tabindex", "0");
      } else if (table.getAttribute("tabindex") === "0") {
        table.removeAttribute("tabindex");
      }
    }
  };
  document.addEventListener("DOMContentLoaded", mark);
  document.addEventListener("htmx:afterSettle", mark);
  window.addEventListener("resize", mark);
})();
