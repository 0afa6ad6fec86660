// Behaviour that used to be inline (onclick=...): the Content-Security-Policy forbids inline scripts.
// Irreversible steps ask first: a submit button (or form) with data-confirm="Question?".
document.addEventListener("submit", function (event) {
  var source = (event.submitter && event.submitter.closest("[data-confirm]")) || event.target.closest("[data-confirm]");
  if (source && !window.confirm(source.getAttribute("data-confirm"))) {
    event.preventDefault();
  }
});

document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-print]");
  if (button) {
    event.preventDefault();
    window.print();
  }
});
