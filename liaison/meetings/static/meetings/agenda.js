// The agenda editor (meetings/manage/agenda_editor.html). Served from the site's own static files:
// the Content-Security-Policy forbids inline scripts and other hosts.
//
// Drag and drop: an item is dragged by its row and dropped before or after another row; an item
// takes its sub-items with it. The new order goes to the server through the hidden reorder form
// (htmx), which answers with the renumbered editor. The keyboard uses the Move up / Move down
// buttons instead; after any change the server names the element to focus again (data-focus-id),
// and the live region #agenda-live reads out where the item is now.
(function () {
  "use strict";
  var dragged = null;   // the rows being dragged: an item and its sub-items
  var marker = null;    // the row under the pointer and the side: {row, after}

  function rowOf(node) {
    return node && node.closest ? node.closest("li[data-id]") : null;
  }

  function listOf(row) {
    return row ? row.closest("ol[data-reorder]") : null;
  }

  function block(row) {
    // An item with the sub-items that follow it; a sub-item alone.
    var rows = [row];
    if (row.getAttribute("data-depth") !== "0") return rows;
    var next = row.nextElementSibling;
    while (next && next.getAttribute("data-depth") !== "0") {
      rows.push(next);
      next = next.nextElementSibling;
    }
    return rows;
  }

  function clearMarker() {
    if (marker) marker.row.classList.remove("drop-before", "drop-after");
    marker = null;
  }

  document.addEventListener("dragstart", function (event) {
    var row = rowOf(event.target);
    if (!row || !listOf(row) || row.classList.contains("editing")) return;
    dragged = block(row);
    dragged.forEach(function (r) { r.classList.add("dragging"); });
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", row.getAttribute("data-id"));
  });

  document.addEventListener("dragover", function (event) {
    if (!dragged) return;
    var row = rowOf(event.target);
    if (!row || listOf(row) !== listOf(dragged[0]) || dragged.indexOf(row) !== -1) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    var box = row.getBoundingClientRect();
    var after = event.clientY > box.top + box.height / 2;
    if (!marker || marker.row !== row || marker.after !== after) {
      clearMarker();
      marker = { row: row, after: after };
      row.classList.add(after ? "drop-after" : "drop-before");
    }
  });

  document.addEventListener("drop", function (event) {
    if (!dragged || !marker) return;
    event.preventDefault();
    var list = listOf(dragged[0]);
    var target = marker.row;
    var after = marker.after;
    // An item lands between items, never among another item's sub-items: dropped on a sub-item or
    // after an item, it goes after that item's last sub-item.
    if (dragged[0].getAttribute("data-depth") === "0" && (after || target.getAttribute("data-depth") !== "0")) {
      while (target.getAttribute("data-depth") !== "0" && target.previousElementSibling) target = target.previousElementSibling;
      var rows = block(target).filter(function (r) { return dragged.indexOf(r) === -1; });
      target = rows[rows.length - 1];
      after = true;
    }
    var reference = after ? target.nextElementSibling : target;
    while (reference && dragged.indexOf(reference) !== -1) reference = reference.nextElementSibling;
    dragged.forEach(function (r) { list.insertBefore(r, reference); });
    var order = Array.prototype.map.call(list.querySelectorAll("li[data-id]"), function (r) {
      return r.getAttribute("data-id");
    });
    var form = document.getElementById(list.getAttribute("data-reorder"));
    form.elements.order.value = order.join(",");
    form.elements.moved.value = dragged[0].getAttribute("data-id");
    clearMarker();
    form.requestSubmit();
  });

  document.addEventListener("dragend", function () {
    if (dragged) dragged.forEach(function (r) { r.classList.remove("dragging"); });
    dragged = null;
    clearMarker();
  });

  // Keep the keyboard where it was: the server marks the element to focus after a swap.
  document.addEventListener("htmx:afterSettle", function () {
    var holder = document.querySelector("[data-focus-id]");
    if (!holder) return;
    var target = document.getElementById(holder.getAttribute("data-focus-id"));
    holder.removeAttribute("data-focus-id");
    if (target) target.focus();
  });
})();
