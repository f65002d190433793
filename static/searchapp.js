/* searchapp's only script: it improves pages that work fully without it.
   1. On the results page a tick in the filters applies at once: the page fetches the new results
      and swaps them in, keeping the scroll position and the focus; the URL stays the permalink.
   2. The search box suggests people, places, organisations and words (WAI-ARIA 1.2 combobox with
      a listbox); choosing a name applies it as a filter, choosing a word puts it in the query.
   No framework, no inline script, no eval: the site's Content-Security-Policy allows this file only. */
(function () {
  "use strict";

  var REGION = "results-region";
  var FILTERS = "filters";

  /* 1. One click narrows. */

  var pending = null;  // the fetch of the latest tick; an older one is abandoned
  var shownUrl = location.pathname + location.search;

  function formUrl(form) {
    var query = new URLSearchParams(new FormData(form)).toString();
    return form.getAttribute("action") + (query ? "?" + query : "");
  }

  function swapIn(html, url, push) {
    var fresh = new DOMParser().parseFromString(html, "text/html");
    var region = document.getElementById(REGION);
    var next = fresh.getElementById(REGION);
    if (!region || !next) {
      location.assign(url);
      return;
    }
    var focused = document.activeElement && document.activeElement.id;
    var x = window.scrollX, y = window.scrollY;
    region.replaceWith(document.adoptNode(next));
    // The search box outside the region carries the filters too: give it the new ones.
    var box = document.querySelector("header form.searchform");
    var freshBox = fresh.querySelector("header form.searchform");
    if (box && freshBox) {
      box.querySelectorAll("input[type=hidden]").forEach(function (old) { old.remove(); });
      freshBox.querySelectorAll("input[type=hidden]").forEach(function (field) {
        box.appendChild(document.adoptNode(field));
      });
    }
    document.title = fresh.title;
    if (push) {
      history.pushState({searchapp: true}, "", url);
    }
    shownUrl = location.pathname + location.search;
    window.scrollTo(x, y);
    var again = focused && document.getElementById(focused);
    if (again) {
      again.focus({preventScroll: true});
    }
    var heading = document.getElementById("results-heading");
    var status = document.getElementById("results-status");
    if (heading && status) {
      status.textContent = heading.textContent.replace(/\s+/g, " ").trim();
    }
  }

  function show(url, push) {
    if (pending) {
      pending.abort();
    }
    var controller = new AbortController();
    pending = controller;
    var region = document.getElementById(REGION);
    if (region) {
      region.setAttribute("aria-busy", "true");
    }
    // Error pages (a query that cannot be read) still show results, so any answer with the region will do.
    fetch(url, {signal: controller.signal, headers: {Accept: "text/html"}, credentials: "same-origin"})
      .then(function (response) { return response.text(); })
      .then(function (html) {
        if (pending === controller) {
          pending = null;
          swapIn(html, url, push);
        }
      })
      .catch(function (error) {
        if (error.name !== "AbortError") {
          location.assign(url);  // the plain way still works
        }
      });
  }

  document.addEventListener("change", function (event) {
    var box = event.target;
    var form = box.form;
    if (form && form.id === FILTERS && box.type === "checkbox") {
      show(formUrl(form), true);
    }
  });

  // Leaving the page (Apply, a link) abandons a tick's fetch: its results must not land on the old page.
  function abandon() {
    if (pending) {
      pending.abort();
      pending = null;
    }
  }
  document.addEventListener("submit", abandon);
  document.addEventListener("click", function (event) {
    var plain = event.button === 0 && !event.ctrlKey && !event.metaKey && !event.shiftKey;  // not a new tab
    if (plain && event.target.closest && event.target.closest("a[href]:not([href^='#'])")) {
      abandon();
    }
  });

  window.addEventListener("popstate", function () {
    var here = location.pathname + location.search;
    if (here !== shownUrl && document.getElementById(REGION)) {  // not a jump to #main
      show(location.href, false);
    }
  });

  /* 2. Suggestions in the search box. */

  var KINDS = {person: "person", place: "place", organisation: "organisation", word: "word"};

  function combobox(input) {
    var form = input.form;
    var listId = input.id + "-suggestions";
    var list = document.createElement("ul");
    list.id = listId;
    list.className = "suggestions";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Suggestions");
    list.hidden = true;
    var status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    var wrapper = input.parentNode;  // div.combobox: the list is placed under the box
    wrapper.appendChild(list);
    wrapper.appendChild(status);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);
    input.setAttribute("autocomplete", "off");

    var items = [];
    var active = -1;
    var asking = null;

    function open() {
      if (items.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
      }
    }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      activate(-1);
    }

    function activate(index) {
      var options = list.children;
      if (active >= 0 && options[active]) {
        options[active].setAttribute("aria-selected", "false");
      }
      active = index;
      if (index >= 0 && options[index]) {
        options[index].setAttribute("aria-selected", "true");
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({block: "nearest"});
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function render(found) {
      // A later answer (for the last letters typed) may come after ↓ chose an option: the same
      // suggestion stays chosen, so Enter still takes it rather than the typed text.
      var chosen = active >= 0 ? items[active] : null;
      items = found;
      active = -1;
      input.removeAttribute("aria-activedescendant");
      list.textContent = "";
      found.forEach(function (item, index) {
        var option = document.createElement("li");
        option.id = listId + "-" + index;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        var text = document.createElement("span");
        text.className = "text";
        text.textContent = item.text;
        text.dir = "auto";  // an Arabic or Hebrew suggestion reads right to left
        var kind = document.createElement("span");
        kind.className = "kind kind-" + (KINDS[item.kind] || "word");
        kind.textContent = KINDS[item.kind] || "word";
        option.setAttribute("aria-label", item.text + ", " + kind.textContent);  // "Vladimir Putin, person"
        option.appendChild(text);
        option.appendChild(kind);
        option.addEventListener("mousedown", function (event) { event.preventDefault(); });  // keep the focus
        option.addEventListener("click", function () { choose(index); });
        list.appendChild(option);
      });
      status.textContent = found.length === 1 ? "1 suggestion" : found.length + " suggestions";
      if (found.length) {
        open();
        if (chosen) {
          activate(found.findIndex(function (item) {
            return item.text === chosen.text && item.kind === chosen.kind && item.query === chosen.query;
          }));
        }
      } else {
        close();
      }
    }

    function ask() {
      var typed = input.value;
      if (asking) {
        asking.abort();
      }
      if (typed.trim().length < 2) {
        asking = null;
        render([]);
        status.textContent = "";
        return;
      }
      var controller = new AbortController();
      asking = controller;
      fetch(input.getAttribute("data-suggest") + "?" + new URLSearchParams({q: typed}).toString(),
            {signal: controller.signal, headers: {Accept: "application/json"}, credentials: "same-origin"})
        .then(function (response) { return response.ok ? response.json() : {suggestions: []}; })
        .then(function (data) {
          if (asking === controller && input.value === typed) {
            asking = null;
            render(data.suggestions || []);
          }
        })
        .catch(function () { /* no suggestions: the box still searches */ });
    }

    function choose(index) {
      var item = items[index];
      if (!item) {
        return;
      }
      close();
      input.value = item.query;
      if (!item.param) {  // a word goes into the query, which the person may go on writing
        input.focus();
        return;
      }
      // A person, place or organisation becomes a filter, with the words left in the box and
      // the filters the search form already carries.
      var params = new URLSearchParams(new FormData(form));
      if (item.query) {
        params.set("q", item.query);
      } else {
        params.delete("q");
      }
      params.append(item.param, item.text);
      location.assign(form.getAttribute("action") + "?" + params.toString());
    }

    input.addEventListener("input", ask);
    input.addEventListener("blur", close);
    input.addEventListener("keydown", function (event) {
      var count = items.length;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (!count) {
          return;
        }
        event.preventDefault();
        if (list.hidden) {
          open();
          activate(event.key === "ArrowDown" ? 0 : count - 1);
        } else if (event.altKey) {
          return;
        } else {
          var step = event.key === "ArrowDown" ? 1 : -1;
          activate(active < 0 ? (step > 0 ? 0 : count - 1) : (active + step + count) % count);
        }
      } else if (event.key === "Enter") {
        if (!list.hidden && active >= 0) {
          event.preventDefault();  // the chosen suggestion, not the typed text
          choose(active);
        }
      } else if (event.key === "Escape") {
        if (!list.hidden) {
          event.preventDefault();  // close the list and keep the text (a second Escape clears it)
          close();
        }
      }
    });
  }

  function start() {
    document.querySelectorAll("input[data-suggest]").forEach(combobox);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
