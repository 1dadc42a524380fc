"use strict";
document.addEventListener("DOMContentLoaded", function () {
  if (new URLSearchParams(window.location.search).has("error")) {
    document.getElementById("login-error").hidden = false;
  }
  document.getElementById("username").focus();
});
