// Behaviour that used to be inline (onclick=...): the Content-Security-Policy forbids inline scripts.
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-print]");
  if (button) {
    event.preventDefault();
    window.print();
  }
});
