// Het regionale dashboard als pagina: inloggen bij het tokenendpoint, de cijfers van
// /api/v1/dashboard als tabel en staafdiagrammen (inline SVG). Alles met de DOM, nooit
// innerHTML met gegevens. Verloopt het token, dan vraagt de pagina opnieuw in te
// loggen en blijven het gekozen jaar en wat er stond staan.
"use strict";

const TOKEN = "weefsel.dashboard.token";
const SVG = "http://www.w3.org/2000/svg";

const $ = (id) => document.getElementById(id);

function element(naam, tekst, klasse) {
  const e = document.createElement(naam);
  if (tekst !== undefined && tekst !== null) e.textContent = String(tekst);
  if (klasse) e.className = klasse;
  return e;
}

function euro(centen) {
  return new Intl.NumberFormat("nl-NL", { style: "currency", currency: "EUR", maximumFractionDigits: 0 })
    .format(centen / 100);
}

function getal(n) {
  return new Intl.NumberFormat("nl-NL").format(n);
}

function aantal(lijst, sleutel) {
  const a = lijst.find((x) => x.sleutel === sleutel);
  return a ? a.aantal : 0;
}

/** Een cel met een aantal dat onderdrukt kan zijn (`{aantal, onderdrukt}`). */
function celOnderdrukt(cel) {
  if (cel.onderdrukt) {
    const td = element("td", "<5", "onderdrukt");
    td.title = "Onderdrukt: minder dan 5";
    td.dataset.onderdrukt = "ja";
    return td;
  }
  return element("td", getal(cel.aantal));
}

const KOLOMMEN = [
  ["Gebieden", (c) => getal(c.gebieden.totaal)],
  ["Kwadrant 1", (c) => getal(aantal(c.gebieden.perKwadrant, "1"))],
  ["Kwadrant 2", (c) => getal(aantal(c.gebieden.perKwadrant, "2"))],
  ["Kwadrant 3", (c) => getal(aantal(c.gebieden.perKwadrant, "3"))],
  ["Kwadrant 4", (c) => getal(aantal(c.gebieden.perKwadrant, "4"))],
  ["Trajecten lopend", (c) => getal(aantal(c.trajecten.perStatus, "lopend"))],
  ["Netwerken", (c) => getal(c.netwerken.totaal)],
  ["Met signaal", (c) => c.netwerken.metSignaal, "signaal"],
  ["Actieve sleutelpersonen", (c) => c.sleutelpersonen.actief, "cel"],
  ["Budget", (c) => euro(c.budgetten.totaal)],
  ["Beschikbaar", (c) => euro(c.budgetten.beschikbaar)],
  ["Aanvragen te laat", (c) => c.aanvragen.teLaat, "signaal"],
  ["Bijeenkomsten (12 mnd)", (c) => getal(c.bijeenkomstenLaatste12Maanden)],
  ["Open meldingen", (c) => getal(c.meldingen.open)],
  ["Paraat stroomuitval", (c) => paraat(c, "stroomuitval")],
  ["Te laat", (c) => teLaat(c, false), "signaal"],
  ["Te laat over personen en meldingen", (c) => teLaat(c, true), "cel"],
];

/** De soorten van de werklijst over personen en meldingen (onder 5 onderdrukt). */
const BESCHERMD = ["checkin", "lid_zonder_contact", "toestemming_bewaartermijn", "melding_open"];

/**
 * Wat te laat is op de werklijst: de zaken opgeteld, of die over personen en
 * meldingen (onderdrukt zodra één soort onderdrukt is).
 */
function teLaat(c, beschermd) {
  const cellen = c.achterstand.filter((a) => BESCHERMD.includes(a.soort) === beschermd);
  const som = cellen.reduce((s, a) => s + (a.aantal || 0), 0);
  if (!beschermd) return som;
  return cellen.some((a) => a.onderdrukt) ? { aantal: null, onderdrukt: true } : { aantal: som, onderdrukt: false };
}

/** Kleinste gebieden met een doorgenomen afspraak voor `scenario`, van het totaal. */
function paraat(c, scenario) {
  const a = c.crisisafspraken.find((x) => x.scenario === scenario);
  return a ? `${getal(a.gedekt)} van ${getal(a.kleinsteGebieden)}` : "";
}

function rij(naam, cijfers, kop) {
  const tr = element("tr");
  tr.appendChild(element(kop ? "th" : "td", naam));
  for (const [, waarde, soort] of KOLOMMEN) {
    const v = waarde(cijfers);
    if (soort === "cel") tr.appendChild(celOnderdrukt(v));
    else if (soort === "signaal") tr.appendChild(element("td", getal(v), v > 0 ? "signaal" : ""));
    else tr.appendChild(element("td", v));
  }
  return tr;
}

function tabel(d) {
  const t = $("gemeenten");
  const kop = element("tr");
  kop.appendChild(element("th", "Gemeente"));
  for (const [naam] of KOLOMMEN) kop.appendChild(element("th", naam));
  t.tHead.replaceChildren(kop);
  t.tBodies[0].replaceChildren(...d.gemeenten.map((g) => {
    const tr = rij(g.naam, g.cijfers, false);
    tr.dataset.gemeente = g.gemeente;
    return tr;
  }));
  t.tFoot.replaceChildren(rij("Totaal", d.totaal, false));
}

/** Een horizontaal staafdiagram: `reeks` is een lijst van [label, waarde, tekst]. */
function staven(figuur, titel, reeks) {
  const breedte = 420, regel = 24, links = 150, marge = 60;
  const max = Math.max(1, ...reeks.map(([, w]) => w));
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", `0 0 ${breedte} ${reeks.length * regel + 8}`);
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", titel);
  reeks.forEach(([label, waarde, tekst], i) => {
    const y = i * regel + 4;
    const l = document.createElementNS(SVG, "text");
    l.setAttribute("x", "0");
    l.setAttribute("y", String(y + 15));
    l.textContent = label;
    const r = document.createElementNS(SVG, "rect");
    r.setAttribute("x", String(links));
    r.setAttribute("y", String(y + 3));
    r.setAttribute("height", String(regel - 8));
    r.setAttribute("width", String(Math.max(1, (breedte - links - marge) * (waarde / max))));
    r.setAttribute("class", waarde > 0 ? "staaf" : "staaf leeg");
    const w = document.createElementNS(SVG, "text");
    w.setAttribute("x", String(links + (breedte - links - marge) * (waarde / max) + 6));
    w.setAttribute("y", String(y + 15));
    w.textContent = tekst;
    svg.append(l, r, w);
  });
  figuur.replaceChildren(element("figcaption", titel), svg);
}

function grafieken(d) {
  const k = d.totaal.gebieden.perKwadrant;
  staven($("kwadranten"), "Gebieden per kwadrant (regio)",
    k.map((a) => [a.sleutel === "onbepaald" ? "onbepaald" : `kwadrant ${a.sleutel}`, a.aantal, getal(a.aantal)]));
  staven($("fasen"), "Netwerken per fase (regio)",
    d.totaal.netwerken.perFase.map((a) => [a.sleutel, a.aantal, getal(a.aantal)]));
  staven($("paraatheid"), "Paraatheid per scenario (regio): kleinste gebieden met een doorgenomen afspraak",
    d.totaal.crisisafspraken.map((a) => {
      const deel = a.kleinsteGebieden > 0 ? a.gedekt / a.kleinsteGebieden : 0;
      return [a.scenario, deel, `${getal(a.gedekt)} van ${getal(a.kleinsteGebieden)}`];
    }));
  staven($("budget"), `Budgetgebruik ${d.jaar} (gereserveerd van totaal)`,
    d.gemeenten.map((g) => {
      const b = g.cijfers.budgetten;
      const deel = b.totaal > 0 ? b.gereserveerd / b.totaal : 0;
      return [g.naam, deel, `${Math.round(deel * 100)}%`];
    }));
}

function jaren(gekozen) {
  const s = $("jaar");
  if (s.options.length === 0) {
    const nu = new Date().getFullYear();
    for (let j = nu + 1; j >= nu - 4; j--) s.appendChild(new Option(String(j), String(j)));
  }
  s.value = String(gekozen);
}

function gekozenJaar() {
  const m = /jaar=(\d{4})/.exec(location.hash);
  return m ? Number(m[1]) : null;
}

function toonInloggen(reden) {
  $("inlogreden").textContent = reden || "";
  $("inloggen").hidden = false;
  document.querySelector("main").classList.toggle("verouderd", !$("overzicht").hidden);
  $("inlogformulier").username.focus();
}

async function laden() {
  const token = sessionStorage.getItem(TOKEN);
  if (!token) {
    toonInloggen();
    return;
  }
  const jaar = gekozenJaar();
  const antwoord = await fetch(`/api/v1/dashboard${jaar ? `?jaar=${jaar}` : ""}`, {
    headers: { Authorization: `Bearer ${token}`, Accept: "application/json" },
  });
  if (antwoord.status === 401) {
    sessionStorage.removeItem(TOKEN);
    toonInloggen("Uw sessie is verlopen; log opnieuw in. Uw keuzes blijven staan.");
    return;
  }
  if (!antwoord.ok) {
    const p = await antwoord.json().catch(() => ({}));
    toonInloggen(p.detail || `Het dashboard gaf ${antwoord.status}.`);
    return;
  }
  const d = await antwoord.json();
  $("inloggen").hidden = true;
  document.querySelector("main").classList.remove("verouderd");
  $("bediening").hidden = false;
  $("overzicht").hidden = false;
  jaren(d.jaar);
  $("peildatum").textContent = `Peildatum ${d.peildatum}`;
  tabel(d);
  grafieken(d);
  document.body.dataset.geladen = String(d.jaar);
}

async function inloggen(event) {
  event.preventDefault();
  const f = event.target;
  $("inlogfout").textContent = "";
  const body = new URLSearchParams({ grant_type: "password", username: f.username.value, password: f.password.value });
  const antwoord = await fetch("/api/v1/auth/token", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body,
  });
  const t = await antwoord.json().catch(() => ({}));
  if (!antwoord.ok || !t.access_token) {
    $("inlogfout").textContent = t.error_description || t.detail || "Inloggen lukte niet.";
    return;
  }
  sessionStorage.setItem(TOKEN, t.access_token);
  f.password.value = "";
  await laden();
}

document.addEventListener("DOMContentLoaded", () => {
  $("inlogformulier").addEventListener("submit", inloggen);
  $("jaar").addEventListener("change", (e) => {
    location.hash = `jaar=${e.target.value}`;
  });
  window.addEventListener("hashchange", laden);
  $("uitloggen").addEventListener("click", () => {
    sessionStorage.removeItem(TOKEN);
    $("overzicht").hidden = true;
    $("bediening").hidden = true;
    toonInloggen();
  });
  laden();
});
