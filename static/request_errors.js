// What an htmx request that failed tells the user, in #request-error (base.html). A refused
// form (422) swaps with its messages instead: see the htmx-config meta. No inline script: CSP.
(() => {
  const region = () => document.getElementById("request-error");

  const show = (kind) => {
    const box = region();
    box.querySelector("p").textContent = box.dataset[kind];
    box.hidden = false;
  };

  document.addEventListener("htmx:responseError", (event) => {
    show(event.detail.xhr.status >= 500 ? "server" : "client");
  });
  document.addEventListener("htmx:sendError", () => show("send"));
  document.addEventListener("htmx:beforeRequest", () => {
    region().hidden = true;
  });
  document.addEventListener("click", (event) => {
    if (event.target.closest("#request-error [data-dismiss]")) {
      region().hidden = true;
    }
  });
})();
