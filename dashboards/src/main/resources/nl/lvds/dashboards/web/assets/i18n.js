// Dutch first, English on request; the choice is kept in localStorage. Only textContent is set.
"use strict";
window.LVDS_I18N = (function () {
  const dict = {
    nl: {
      skip: "Naar de inhoud", org: "Gemeente Rotterdam", appTitle: "Lezen van de stad",
      langToggle: "English", loginTitle: "Inloggen",
      loginIntro: "Dit dashboard toont alleen geaggregeerde spanningsindicatoren per gebied. Toegang wordt gelogd.",
      loginError: "Gebruikersnaam of wachtwoord onjuist.", username: "Gebruikersnaam", password: "Wachtwoord",
      loginButton: "Inloggen", logout: "Uitloggen", ssoButton: "Inloggen met uw organisatieaccount",
      ssoOr: "Of met een lokaal account:", liveConnecting: "Verbinden…", liveOn: "Live",
      liveOff: "Geen live verbinding", dashTitle: "Spanningsbeeld Rotterdam",
      dashIntro: "Geaggregeerde spanningsindex (0–100) per gebied en thema. Cellen met te weinig signalen tonen geen getal.",
      asOf: "Stand van", overviewTitle: "Overzicht per gebied", topic: "Thema", window: "Venster",
      w1h: "1 uur", w24h: "24 uur", area: "Gebied", range: "Periode", r24h: "laatste 24 uur",
      r7d: "laatste 7 dagen", r28d: "laatste 28 dagen", seriesTitle: "Verloop in de tijd",
      tableAlt: "Tabel met de gegevens van de grafiek", colTime: "Einde venster", colIndex: "Index",
      colSignals: "Signalen", colBaseline: "Basislijn", alertsTitle: "Meldingen", alertsEmpty: "Geen meldingen.",
      sourcesTitle: "Bronnen en verwerking",
      footer: "Alleen geaggregeerde cijfers; geen berichten, geen personen. Elke opvraging wordt gelogd.",
      band_low: "rustig", band_moderate: "licht verhoogd", band_elevated: "verhoogd", band_high: "hoog",
      suppressed: "te weinig signalen", noData: "geen gegevens", index: "index", signals: "signalen",
      baseline: "basislijn", trend_up: "stijgend", trend_down: "dalend", trend_flat: "gelijk",
      level_watch: "attentie", level_warning: "waarschuwing", level_critical: "kritiek",
      rule: "Regel", topTerms: "Veelgebruikte termen", incidents: "Gekoppelde incidenten",
      corroboration: "Bevestigd door brontypen", acknowledge: "Bevestigen", acknowledgedBy: "Bevestigd door",
      at: "om", none: "geen", city: "Hele stad",
      topic_all: "alle thema's", "topic_middle-east": "Midden-Oosten", "topic_local-incident": "lokaal incident",
      topic_migration: "migratie", topic_discrimination: "discriminatie", "topic_anti-government": "anti-overheid",
      topic_extremism: "extremisme",
      seriesSummary: "{area}, {topic}: {n} vensters; laatste index {last}, hoogste {max}. {inc} incidenten en {al} meldingen in deze periode.",
      seriesEmpty: "Geen gegevens voor deze selectie.", refused: "Niet toegestaan: fijner dan de ingestelde minimale granulariteit.",
      incidentMark: "incident", alertMark: "melding",
      restored: "Hersteld uit Kafka", consumerLag: "Achterstand (berichten)", indicatorsConsumed: "Indicatoren gelezen",
      alertsConsumed: "Meldingen gelezen", incidentsConsumed: "Incidenten gelezen", deadLetters: "Afgekeurde berichten",
      deadLetterRate: "Aandeel afgekeurd", modelVersion: "Modelversie", lastEventTime: "Laatste venster",
      lastUpdate: "Laatste update", gapsLast24h: "Uren zonder gegevens (laatste 24)", yes: "ja", no: "nee",
      hoursLine: "Signalen per uur (hele stad, laatste 24 uur): {list}",
      provisional: "voorlopig", signalsSoFar: "{n} signalen tot nu toe", lastFinal: "laatste definitieve: {v}",
      legendProvisional: "voorlopig: lopend uur, telling tot nu toe",
      seriesProvisional: "Voorlopig voor het lopende uur: {v}.",
      earlyConsumed: "Voorlopige indicatoren gelezen", earlyHeld: "Voorlopige indicatoren nu",
      activity: "activiteit {n} (verwacht {e})", activityUnusual: "ongewoon druk",
      chartLabel: "Grafiek van de spanningsindex: {area}, {topic}",
      kind_coordinated: "gecoördineerd", status_raised: "nieuw", status_escalated: "geëscaleerd",
      status_updated: "bijgewerkt", status_closed: "afgesloten", since: "sinds {t}", latest: "laatst {t}",
      whyNow: "Waarom nu", whyStories: "{n} verhalen in het uur", whyHostile: "{n} vijandige verhalen in het uur",
      expectedN: "verwacht {e}", noExpected: "nog geen verwachting", copiesN: "{n} kopieën", authorsN: "{n} auteurs",
      maxLevel: "Hoogste niveau", records: "Berichten in deze groep", cellsCaption: "Gebieden en thema's in deze melding",
      colArea: "Gebied", colLevel: "Niveau", colTest: "Toets", colObserved: "Waargenomen", colExpected: "Verwacht",
      colP: "p", rule_volume: "meer verhalen dan verwacht", rule_hostility: "meer vijandige verhalen dan verwacht",
      rule_coordinated: "kopieer-plakgolf", "rule_hostile-stories": "meer vijandige verhalen dan verwacht",
      "rule_serious-incident": "ernstig incident gemeld"
    },
    en: {
      skip: "Skip to content", org: "City of Rotterdam", appTitle: "Reading the city",
      langToggle: "Nederlands", loginTitle: "Log in",
      loginIntro: "This dashboard shows aggregate tension indicators per area only. Access is logged.",
      loginError: "Wrong user name or password.", username: "User name", password: "Password",
      loginButton: "Log in", logout: "Log out", ssoButton: "Log in with your organisation account",
      ssoOr: "Or with a local account:", liveConnecting: "Connecting…", liveOn: "Live",
      liveOff: "No live connection", dashTitle: "Tension overview Rotterdam",
      dashIntro: "Aggregate tension index (0–100) per area and topic. Cells with too few signals show no number.",
      asOf: "As of", overviewTitle: "Overview by district", topic: "Topic", window: "Window",
      w1h: "1 hour", w24h: "24 hours", area: "Area", range: "Period", r24h: "last 24 hours",
      r7d: "last 7 days", r28d: "last 28 days", seriesTitle: "Over time",
      tableAlt: "Table with the chart's data", colTime: "Window end", colIndex: "Index",
      colSignals: "Signals", colBaseline: "Baseline", alertsTitle: "Alerts", alertsEmpty: "No alerts.",
      sourcesTitle: "Sources and processing",
      footer: "Aggregate figures only; no posts, no persons. Every request is logged.",
      band_low: "calm", band_moderate: "slightly raised", band_elevated: "raised", band_high: "high",
      suppressed: "too few signals", noData: "no data", index: "index", signals: "signals",
      baseline: "baseline", trend_up: "rising", trend_down: "falling", trend_flat: "steady",
      level_watch: "watch", level_warning: "warning", level_critical: "critical",
      rule: "Rule", topTerms: "Top terms", incidents: "Linked incidents",
      corroboration: "Corroborated by source types", acknowledge: "Acknowledge", acknowledgedBy: "Acknowledged by",
      at: "at", none: "none", city: "Whole city",
      topic_all: "all topics", "topic_middle-east": "Middle East", "topic_local-incident": "local incident",
      topic_migration: "migration", topic_discrimination: "discrimination", "topic_anti-government": "anti-government",
      topic_extremism: "extremism",
      seriesSummary: "{area}, {topic}: {n} windows; latest index {last}, highest {max}. {inc} incidents and {al} alerts in this period.",
      seriesEmpty: "No data for this selection.", refused: "Not allowed: finer than the configured minimum granularity.",
      incidentMark: "incident", alertMark: "alert",
      restored: "Restored from Kafka", consumerLag: "Consumer lag (records)", indicatorsConsumed: "Indicators read",
      alertsConsumed: "Alerts read", incidentsConsumed: "Incidents read", deadLetters: "Dead letters",
      deadLetterRate: "Dead-letter rate", modelVersion: "Model version", lastEventTime: "Latest window",
      lastUpdate: "Last update", gapsLast24h: "Hours without data (last 24)", yes: "yes", no: "no",
      hoursLine: "Signals per hour (whole city, last 24 hours): {list}",
      provisional: "provisional", signalsSoFar: "{n} signals so far", lastFinal: "last final: {v}",
      legendProvisional: "provisional: open hour, counts so far",
      seriesProvisional: "Provisional for the open hour: {v}.",
      earlyConsumed: "Provisional indicators read", earlyHeld: "Provisional indicators now",
      activity: "activity {n} (expected {e})", activityUnusual: "unusually busy",
      chartLabel: "Chart of the tension index: {area}, {topic}",
      kind_coordinated: "coordinated", status_raised: "new", status_escalated: "escalated",
      status_updated: "updated", status_closed: "closed", since: "since {t}", latest: "latest {t}",
      whyNow: "Why now", whyStories: "{n} stories in the hour", whyHostile: "{n} hostile stories in the hour",
      expectedN: "expected {e}", noExpected: "no expected count yet", copiesN: "{n} copies", authorsN: "{n} authors",
      maxLevel: "Highest level", records: "Records in this group", cellsCaption: "Areas and topics in this alert",
      colArea: "Area", colLevel: "Level", colTest: "Test", colObserved: "Observed", colExpected: "Expected",
      colP: "p", rule_volume: "more stories than expected", rule_hostility: "more hostile stories than expected",
      rule_coordinated: "copy-paste burst", "rule_hostile-stories": "more hostile stories than expected",
      "rule_serious-incident": "serious incident reported"
    }
  };
  let lang = "nl";
  try {
    const saved = window.localStorage.getItem("lvds.lang");
    if (saved === "en" || saved === "nl") { lang = saved; }
  } catch (e) { /* storage unavailable: stay Dutch */ }
  const listeners = [];

  function t(key, vars) {
    let s = (dict[lang] && dict[lang][key]) || dict.nl[key] || key;
    if (vars) {
      Object.keys(vars).forEach(function (k) { s = s.split("{" + k + "}").join(String(vars[k])); });
    }
    return s;
  }
  function apply() {
    document.documentElement.lang = lang;
    document.querySelectorAll("[data-i18n]").forEach(function (el) {
      el.textContent = t(el.getAttribute("data-i18n"));
    });
  }
  function toggle() {
    lang = lang === "nl" ? "en" : "nl";
    try { window.localStorage.setItem("lvds.lang", lang); } catch (e) { /* ignore */ }
    apply();
    listeners.forEach(function (f) { f(lang); });
  }
  document.addEventListener("DOMContentLoaded", function () {
    apply();
    const btn = document.getElementById("lang-toggle");
    if (btn) { btn.addEventListener("click", toggle); }
  });
  return {
    t: t, apply: apply,
    lang: function () { return lang; },
    onChange: function (f) { listeners.push(f); },
    locale: function () { return lang === "nl" ? "nl-NL" : "en-GB"; }
  };
})();
