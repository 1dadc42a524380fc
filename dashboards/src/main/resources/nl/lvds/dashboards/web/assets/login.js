"use strict";
document.addEventListener("DOMContentLoaded", function () {
  if (new URLSearchParams(window.location.search).has("error")) {
    document.getElementById("login-error").hidden = false;
  }
  // Which ways to log in this server offers: the organisation's single sign-on, local accounts or both.
  fetch("/login/methods", { credentials: "same-origin", headers: { "Accept": "application/json" } })
    .then(function (res) { return res.json(); })
    .then(function (m) {
      if (m.oidc) {
        document.getElementById("sso").hidden = false;
        if (m.oidcLabel) { document.getElementById("sso-link").textContent = m.oidcLabel; }
        if (m.local) { document.getElementById("sso-or").hidden = false; }
      }
      if (!m.local) { document.getElementById("local-form").hidden = true; }
    })
    .catch(function () { /* keep the form */ });
  document.getElementById("username").focus();
});
