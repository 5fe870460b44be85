/* citelint HTML report: detail cards, keyboard access, filters. No network, no libraries. */
(function () {
  "use strict";
  var PROBLEMS = { error: 1, warning: 1, info: 1 };
  var card = document.getElementById("claim-card");
  var cardBody = card.querySelector(".card-body");
  var onlyProblems = document.getElementById("only-problems");
  var ruleFilter = document.getElementById("rule-filter");
  var status = document.getElementById("filter-status");
  var current = null; // the claim whose card is shown
  var pinned = false; // opened by click or keyboard (stays until closed)
  var showTimer = 0;
  var hideTimer = 0;
  var lastVisited = null;
  var restoring = false; // focus goes back to a claim after its card closed

  function mainMark(el) {
    var part = el && el.closest ? el.closest("mark.claim") : null;
    if (!part) return null;
    var mark = document.getElementById(part.getAttribute("data-claim"));
    return mark && !mark.classList.contains("off") ? mark : null;
  }

  // Beside the draft when the window is wide enough (the prose stays readable),
  // otherwise below the claim, or above it when there is no room below.
  function place(mark) {
    var rects = mark.getClientRects();
    var r = rects.length ? rects[0] : mark.getBoundingClientRect();
    var w = card.offsetWidth;
    var h = card.offsetHeight;
    var width = document.documentElement.clientWidth;
    var article = mark.closest(".draft");
    var side = article ? article.getBoundingClientRect().right + 12 : width;
    var top;
    var left;
    if (side + w + 8 <= width) {
      left = side;
      top = Math.max(8, Math.min(r.top - 12, window.innerHeight - h - 8));
    } else {
      top = r.bottom + 8;
      if (top + h > window.innerHeight && r.top - 8 - h > 0) top = r.top - 8 - h;
      left = Math.max(8, Math.min(r.left, width - w - 8));
    }
    card.style.top = window.scrollY + top + "px";
    card.style.left = window.scrollX + left + "px";
  }

  // The card goes right after the claim in the document, so that Tab moves from
  // the card on to what follows the claim; it is positioned absolutely all the same.
  function anchor(mark) {
    var block = mark.closest("p, li, h1, h2, h3, h4, h5, h6, td, th, dt, dd") || mark.parentNode;
    var node = mark;
    while (node.parentNode && node.parentNode !== block) node = node.parentNode;
    if (node.nextSibling !== card) block.insertBefore(card, node.nextSibling);
  }

  function open(mark, pin) {
    clearTimeout(hideTimer);
    clearTimeout(showTimer);
    var tpl = document.getElementById("card-" + mark.id);
    if (!tpl) return;
    if (current !== mark) {
      if (current) current.setAttribute("aria-expanded", "false");
      cardBody.replaceChildren(tpl.content.cloneNode(true));
      anchor(mark);
      current = mark;
      pinned = false;
    }
    pinned = pinned || !!pin;
    mark.setAttribute("aria-expanded", "true");
    card.setAttribute("aria-label", "Details: " + mark.getAttribute("aria-label"));
    card.classList.toggle("pinned", pinned);
    card.hidden = false;
    place(mark);
    lastVisited = mark;
    if (pin) card.focus({ preventScroll: true });
  }

  function close(restoreFocus) {
    clearTimeout(hideTimer);
    clearTimeout(showTimer);
    var mark = current;
    card.hidden = true;
    pinned = false;
    current = null;
    if (mark) {
      mark.setAttribute("aria-expanded", "false");
      if (restoreFocus) {
        restoring = true;
        mark.focus();
        restoring = false;
      }
    }
  }

  function hideSoon() {
    clearTimeout(showTimer);
    if (pinned) return;
    clearTimeout(hideTimer);
    hideTimer = setTimeout(function () {
      if (!pinned && !card.matches(":hover")) close(false);
    }, 250);
  }

  // Pointer: hover previews, click pins (a second click closes).
  document.addEventListener("mouseover", function (ev) {
    var mark = mainMark(ev.target);
    if (mark && !pinned) {
      clearTimeout(hideTimer);
      clearTimeout(showTimer);
      showTimer = setTimeout(function () { open(mark, false); }, 120);
    }
  });
  document.addEventListener("mouseout", function (ev) {
    if (mainMark(ev.target)) hideSoon();
  });
  card.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
  card.addEventListener("mouseleave", hideSoon);

  document.addEventListener("click", function (ev) {
    var opener = ev.target.closest("[data-open]");
    if (opener) {
      var target = document.getElementById(opener.getAttribute("data-open"));
      if (target && !target.classList.contains("off")) {
        ev.preventDefault();
        target.scrollIntoView({ block: "center" });
        open(target, true);
      }
      return;
    }
    var mark = mainMark(ev.target);
    if (mark) {
      ev.preventDefault(); // a claim inside a link opens its card, not the link
      if (mark === current && pinned) close(false);
      else open(mark, true);
      return;
    }
    if (ev.target.closest(".card-close")) { close(true); return; }
    if (ev.target.closest(".toolbar")) return;
    if (!card.hidden && !card.contains(ev.target)) close(false);
  });

  // Keyboard: claims are tab stops; Enter or Space opens the card, Escape closes it.
  document.addEventListener("keydown", function (ev) {
    var mark = ev.target.matches && ev.target.matches("mark.claim[id]") ? ev.target : null;
    if (mark && (ev.key === "Enter" || ev.key === " " || ev.key === "Spacebar")) {
      ev.preventDefault();
      open(mark, true);
    } else if (ev.key === "Escape" && !card.hidden) {
      ev.preventDefault();
      close(true);
    }
  });
  document.addEventListener("focusin", function (ev) {
    var t = ev.target;
    if (restoring || card.contains(t)) return;
    if (t.matches && t.matches("mark.claim[id]")) {
      if (!pinned || current !== t) { pinned = false; open(t, false); }
    } else if (!card.hidden) {
      close(false);
    }
  });

  // Filters: only problems, one rule.
  function visible(el) {
    var verdict = el.getAttribute("data-verdict");
    var codes = (el.getAttribute("data-codes") || "").split(" ");
    var rule = ruleFilter.value;
    return (!onlyProblems.checked || PROBLEMS[verdict] === 1) && (!rule || codes.indexOf(rule) >= 0);
  }

  function applyFilter() {
    var shown = 0;
    var total = 0;
    document.querySelectorAll("mark.claim[id]").forEach(function (mark) {
      var ok = visible(mark);
      total += 1;
      shown += ok ? 1 : 0;
      document.querySelectorAll('mark.claim[data-claim="' + mark.id + '"]').forEach(function (p) {
        p.classList.toggle("off", !ok);
      });
      mark.tabIndex = ok ? 0 : -1;
      if (ok) {
        mark.setAttribute("role", "button");
        mark.setAttribute("aria-haspopup", "dialog");
      } else {
        mark.removeAttribute("role");
        mark.removeAttribute("aria-haspopup");
      }
    });
    document.querySelectorAll("tr[data-claim], .tick").forEach(function (el) {
      el.hidden = !visible(el);
    });
    if (current && current.classList.contains("off")) close(false);
    var filtered = onlyProblems.checked || ruleFilter.value;
    status.textContent = filtered ? "Showing " + shown + " of " + total + " claims" : total + " claims";
  }
  onlyProblems.addEventListener("change", applyFilter);
  ruleFilter.addEventListener("change", applyFilter);
  document.querySelectorAll(".rule-pick").forEach(function (button) {
    button.addEventListener("click", function () {
      ruleFilter.value = button.getAttribute("data-rule");
      applyFilter();
      ruleFilter.focus();
    });
  });

  // Previous / next problem: move focus through the visible problems in order.
  function step(direction) {
    var marks = Array.prototype.filter.call(document.querySelectorAll("mark.claim[id]"), function (m) {
      return PROBLEMS[m.getAttribute("data-verdict")] === 1 && !m.classList.contains("off");
    });
    if (!marks.length) return;
    var at = marks.indexOf(lastVisited);
    var next = at < 0 ? (direction > 0 ? 0 : marks.length - 1) : (at + direction + marks.length) % marks.length;
    var mark = marks[next];
    mark.scrollIntoView({ block: "center" });
    mark.focus({ preventScroll: true });
    lastVisited = mark;
  }
  document.getElementById("next-problem").addEventListener("click", function () { step(1); });
  document.getElementById("prev-problem").addEventListener("click", function () { step(-1); });

  window.addEventListener("resize", function () { if (current && !card.hidden) place(current); });
  window.addEventListener("beforeprint", function () { close(false); });
  applyFilter();
})();
