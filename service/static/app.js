// Wave at Saturn: what JavaScript adds to a page that works without it.
// 1. The place box becomes a combobox (WAI-ARIA combobox pattern, list autocomplete): cities from
//    /v1/places as you type; arrow keys move, Enter picks, Escape closes. Picking submits the form,
//    so the server renders the answer, exactly as without JavaScript.
// 2. "Use my location" asks the browser for coordinates and opens the page for them.
(function () {
  "use strict";

  var form = document.querySelector(".place-form");
  if (!form) return;
  var input = form.querySelector("#place");
  var list = form.querySelector("#place-list");
  var status = form.querySelector("#place-status");
  var locate = form.querySelector("#locate");
  var DELAY_MS = 120;
  var LIMIT = 8;
  var places = [];
  var shownFor = null; // the text the open list answers
  var active = -1;
  var timer = null;
  var pending = null;

  function say(text) { status.textContent = text; }

  function describe(place) {
    return [place.admin1, place.country || place.country_code].filter(Boolean).join(", ");
  }

  function close() {
    list.hidden = true;
    list.innerHTML = "";
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    places = [];
    shownFor = null;
    active = -1;
  }

  function show(found, text) {
    places = found;
    shownFor = text;
    active = -1;
    input.removeAttribute("aria-activedescendant");
    list.innerHTML = "";
    found.forEach(function (place, i) {
      var option = document.createElement("li");
      option.id = "place-option-" + i;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      var name = document.createElement("span");
      name.className = "name";
      // "Kiev → Kyiv": the name that was typed, then the place's own.
      name.textContent = place.matched ? place.matched + " \u2192 " + place.name : place.name;
      var where = document.createElement("span");
      where.className = "where";
      where.textContent = describe(place) ? " · " + describe(place) : "";
      option.appendChild(name);
      option.appendChild(where);
      option.addEventListener("mousedown", function (event) {
        event.preventDefault(); // keep the focus in the box
        pick(i);
      });
      list.appendChild(option);
    });
    var open = found.length > 0;
    list.hidden = !open;
    input.setAttribute("aria-expanded", open ? "true" : "false");
    say(open ? form.dataset.found.replace("{count}", String(found.length)) : form.dataset.none);
  }

  function highlight(index) {
    var options = list.querySelectorAll("[role=option]");
    if (!options.length) return;
    active = (index + options.length) % options.length;
    options.forEach(function (option, i) {
      option.setAttribute("aria-selected", i === active ? "true" : "false");
    });
    input.setAttribute("aria-activedescendant", options[active].id);
    options[active].scrollIntoView({ block: "nearest" });
  }

  function pick(index) {
    var place = places[index];
    if (!place) return;
    input.value = place.query || place.name;
    close();
    form.submit();
  }

  function lookUp() {
    var text = input.value.trim();
    if (pending) pending.abort();
    if (text.length < 2) { close(); say(""); return; }
    pending = new AbortController();
    var url = "/v1/places?limit=" + LIMIT + "&q=" + encodeURIComponent(text);
    fetch(url, { signal: pending.signal, headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : { places: [] }; })
      .then(function (body) { if (input.value.trim() === text) show(body.places || [], text); })
      .catch(function (error) { if (error.name !== "AbortError") close(); });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    // A list for other text is not chosen from while the new one is on its way.
    if (shownFor !== null && input.value.trim() !== shownFor) { close(); say(""); }
    timer = setTimeout(lookUp, DELAY_MS);
  });

  input.addEventListener("keydown", function (event) {
    var open = !list.hidden;
    if (event.key === "ArrowDown") {
      event.preventDefault();
      if (open) highlight(active + 1); else lookUp();
    } else if (event.key === "ArrowUp") {
      if (open) { event.preventDefault(); highlight(active - 1); }
    } else if (event.key === "Enter") {
      if (open && active >= 0) { event.preventDefault(); pick(active); }
    } else if (event.key === "Escape") {
      if (open) { event.preventDefault(); close(); }
    }
  });

  input.addEventListener("blur", function () { setTimeout(close, 150); });

  if (locate && "geolocation" in navigator) {
    locate.hidden = false;
    locate.addEventListener("click", function () {
      say(form.dataset.locating);
      navigator.geolocation.getCurrentPosition(function (position) {
        var params = new URLSearchParams();
        form.querySelectorAll("input[type=hidden]").forEach(function (field) { params.set(field.name, field.value); });
        params.set("lat", position.coords.latitude.toFixed(4));
        params.set("lon", position.coords.longitude.toFixed(4));
        window.location.assign("/?" + params.toString());
      }, function () {
        say(form.dataset.locationFailed);
      }, { timeout: 15000, maximumAge: 600000 });
    });
  }
})();
