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

// Quota tables (Django formsets): "Add a row" copies the empty row of the <template> with the next
// form number and focuses it. Without JavaScript the button stays hidden and the blank rows serve.
document.querySelectorAll("[data-quota-add]").forEach(function (button) {
  var prefix = button.getAttribute("data-quota-add");
  var fieldset = button.closest("fieldset");
  var total = fieldset.querySelector("input[name='" + prefix + "-TOTAL_FORMS']");
  var template = fieldset.querySelector("template");
  var rows = fieldset.querySelector("[data-quota-rows]");
  button.hidden = false;
  button.addEventListener("click", function () {
    var number = parseInt(total.value, 10);
    var holder = document.createElement("tbody");
    holder.innerHTML = template.innerHTML.replace(/__prefix__/g, String(number));
    var row = holder.querySelector("tr");
    rows.appendChild(row);
    total.value = String(number + 1);
    row.querySelector("select, input").focus();
  });
});

// htmx swaps no 4xx answer by default. A form marked data-swap-errors answers an invalid save (400) or a
// stale one (409, someone else saved first) with itself, the message and the input kept: show it in place.
document.addEventListener("htmx:beforeSwap", function (event) {
  var status = event.detail.xhr.status;
  var form = event.detail.requestConfig && event.detail.requestConfig.elt;  // detail.elt is the target
  if ((status === 400 || status === 409) && form && form.closest("[data-swap-errors]")) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});

// Meeting times (meetings/when.html): the venue's time is written by the server; the viewer's own
// time is added here from the browser's time zone when it differs from the venue's.
(function () {
  var zone;
  try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (error) { return; }
  if (!zone) { return; }
  function part(options) { options.timeZone = zone; return new Intl.DateTimeFormat("en-GB", options); }
  var day = part({ day: "numeric", month: "long", year: "numeric" });
  var clock = part({ hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  document.querySelectorAll("[data-local-time]").forEach(function (element) {
    if (element.getAttribute("data-zone") === zone) { return; }
    var start = new Date(element.getAttribute("data-start")), end = new Date(element.getAttribute("data-end"));
    if (isNaN(start) || isNaN(end)) { return; }
    var text = day.format(start) === day.format(end)
      ? day.format(start) + ", " + clock.format(start) + "\u2013" + clock.format(end)
      : day.format(start) + ", " + clock.format(start) + " \u2013 " + day.format(end) + ", " + clock.format(end);
    element.textContent = "· " + text + " " + element.getAttribute("data-label").replace("{zone}", zone);
    element.hidden = false;
  });
})();

// In a quota row, the Value menu offers only the values of the chosen Category (its option group of
// the same name); choosing a value first sets the Category to match.
function quotaRowFilter(row) {
  var category = row.querySelector("select[data-quota-category]");
  var value = category && row.querySelector("select:not([data-quota-category])");
  if (!value) { return; }
  var chosen = category.selectedIndex > 0 ? category.options[category.selectedIndex].text : "";
  value.querySelectorAll("optgroup").forEach(function (group) {
    group.disabled = chosen !== "" && group.label !== chosen;
  });
  var selected = value.options[value.selectedIndex];
  if (selected && selected.parentNode.disabled) { value.selectedIndex = 0; }
}
document.addEventListener("change", function (event) {
  var row = event.target.closest("[data-quota-rows] tr");
  if (!row) { return; }
  if (!event.target.hasAttribute("data-quota-category")) {
    var option = event.target.options && event.target.options[event.target.selectedIndex];
    var category = row.querySelector("select[data-quota-category]");
    if (option && option.parentNode.tagName === "OPTGROUP" && category) {
      Array.prototype.forEach.call(category.options, function (o) { if (o.text === option.parentNode.label) { category.value = o.value; } });
    }
  }
  quotaRowFilter(row);
});
document.querySelectorAll("[data-quota-rows] tr").forEach(quotaRowFilter);
