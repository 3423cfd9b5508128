// The border desk's clock: counts the time left down each second. The page shows the time
// left when it was served, so the desk works without this; the server's clock decides.
(function () {
  var el = document.getElementById('desk-clock');
  if (!el) return;
  var end = Date.now() + Number(el.getAttribute('data-seconds')) * 1000;
  function tick() {
    var s = Math.max(0, Math.round((end - Date.now()) / 1000));
    el.textContent = Math.floor(s / 60) + ':' + String(s % 60).padStart(2, '0');
    el.className = s < 60 ? 'clock clock-low' : 'clock';
    if (s > 0) setTimeout(tick, 1000);
  }
  tick();
})();
