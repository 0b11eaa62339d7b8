// 申込作成 (templates/applicant/_application_form.html). No inline script: see the CSP.
// - The error summary of a refused form takes the focus, so it is read first.
// - A live check (htmx) swaps a field's message region; the field then says whether it is
//   invalid (aria-invalid, the red border of .has-error), and stops saying so once fixed.
// - Amounts are repeated as 「12,000,000円」 beside the field while typed.
// - A guarantee's required items become aria-required when it is ticked.
(() => {
  const yen = (text) => {
    const digits = text.normalize("NFKC").replace(/[,\s円]/g, "");
    return /^\d+$/.test(digits) ? `${Number(digits).toLocaleString("ja-JP")}円` : "";
  };

  const showAmount = (input) => {
    const echo = document.getElementById(`${input.id}-yen`);
    if (echo) {
      echo.textContent = yen(input.value);
    }
  };

  // The control a .field wrapper labels: the fieldset of radios, else the labelled input.
  const controlOf = (field) => {
    if (field.matches("fieldset")) {
      return field;
    }
    const label = field.querySelector(":scope > label");
    return label ? document.getElementById(label.htmlFor) : null;
  };

  const toggle = (element, attribute, on) => {
    if (on) {
      element?.setAttribute(attribute, "true");
    } else {
      element?.removeAttribute(attribute);
    }
  };

  const syncErrorState = (field) => {
    const region = field.querySelector(".field-errors");
    const invalid = region !== null && region.textContent.trim() !== "";
    field.classList.toggle("has-error", invalid);
    toggle(controlOf(field), "aria-invalid", invalid);
  };

  const syncRequired = (checkbox) => {
    const block = checkbox.closest(".block");
    if (!block) {
      return;
    }
    for (const need of block.querySelectorAll(".need-when-requested")) {
      toggle(controlOf(need.closest(".field")), "aria-required", checkbox.checked);
    }
  };

  // 「上限額を入力」: the bound the server computed, into its amount field (focus goes there).
  const showFillButtons = () => {
    for (const button of document.querySelectorAll("[data-fill-amount]")) {
      button.hidden = false;
    }
  };
  document.addEventListener("click", (event) => {
    const button = event.target.closest?.("[data-fill-amount]");
    if (!button) {
      return;
    }
    const field = document.getElementById(button.dataset.fillAmount);
    field.value = button.dataset.amount;
    field.focus();
    field.dispatchEvent(new Event("input", { bubbles: true }));
    field.dispatchEvent(new Event("change", { bubbles: true }));
  });
  document.addEventListener("htmx:afterSettle", showFillButtons);

  document.addEventListener("DOMContentLoaded", () => {
    showFillButtons();
    document.querySelector("[data-focus-on-load]")?.focus();
    document.querySelectorAll("input.amount").forEach(showAmount);
  });
  document.addEventListener("input", (event) => {
    if (event.target.matches?.("input.amount")) {
      showAmount(event.target);
    }
  });
  document.addEventListener("change", (event) => {
    if (event.target.matches?.(".block-head input[type=checkbox]")) {
      syncRequired(event.target);
    }
  });
  document.addEventListener("htmx:afterSettle", (event) => {
    const field = event.detail.elt?.closest?.(".field");
    if (field?.querySelector(".field-errors")) {
      syncErrorState(field);
    }
  });
})();
