// Applies the saved theme before the first paint (loaded synchronously in <head>; no inline script under the CSP).
(function () {
  try {
    var t = localStorage.getItem('obs-theme');
    if (t === 'dark' || t === 'light') document.documentElement.setAttribute('data-theme', t);
  } catch (e) { /* storage blocked: follow the system theme */ }
})();
