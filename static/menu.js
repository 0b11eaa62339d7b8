// The header menu folds behind 「メニュー」 on a narrow screen (see .site-menu in app.css).
// Without this script the menu simply shows, wrapped over several lines.
(() => {
  const button = document.querySelector(".menu-button");
  if (!button) {
    return;
  }
  const header = button.closest(".site-header");
  header.classList.add("folding-menu");
  button.hidden = false;
  button.addEventListener("click", () => {
    const open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", String(open));
    header.classList.toggle("menu-open", open);
  });
})();
