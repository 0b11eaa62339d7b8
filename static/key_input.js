// 認証キー fields (input[data-key-groups]): show what is typed in groups of four, e.g.
// "abcd EFGH 2345", keeping the caret after the same character. The server ignores the
// spaces (and hyphens), so without this script the field works just the same.
(() => {
  const group = (text) => text.replace(/.{4}(?=.)/g, "$& ");
  const bare = (text) => text.replace(/[\s\-\u2010-\u2015\u2212\u30fc\uff0d\uff70]/g, "");

  document.addEventListener("input", (event) => {
    const field = event.target;
    if (!(field instanceof HTMLInputElement) || !field.matches("[data-key-groups]")) {
      return;
    }
    if (event.isComposing) {
      return;
    }
    const before = bare(field.value.slice(0, field.selectionStart ?? field.value.length)).length;
    const grouped = group(bare(field.value));
    if (grouped === field.value) {
      return;
    }
    field.value = grouped;
    // The caret goes after the same count of key characters (before a group's space).
    const caret = before + Math.floor(Math.max(before - 1, 0) / 4);
    field.setSelectionRange(caret, caret);
  });
})();
