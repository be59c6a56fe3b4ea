// Times in the reader's own time zone. The page names every time in the newsroom's
// zone and says those of the last 24 hours relatively as it was made; this says them
// in the zone the reader's browser is set to, and keeps "2 hours ago" current while
// the page stays open. Without it the page reads the same, in the newsroom's zone.
(() => {
  "use strict";
  const DAY = 24 * 3600 * 1000;
  const full = new Intl.DateTimeFormat("en-GB", {
    day: "numeric", month: "long", year: "numeric",
    hour: "2-digit", minute: "2-digit", timeZoneName: "short",
  });
  const ago = (ms) => {
    const minutes = Math.floor(ms / 60000);
    if (minutes < 1) return "just now";
    if (minutes < 60) return minutes === 1 ? "1 minute ago" : `${minutes} minutes ago`;
    const hours = Math.floor(minutes / 60);
    return hours === 1 ? "1 hour ago" : `${hours} hours ago`;
  };
  const update = () => {
    const now = Date.now();
    for (const time of document.querySelectorAll("main time[datetime]")) {
      const when = Date.parse(time.getAttribute("datetime"));
      if (Number.isNaN(when)) continue;
      let text;
      try { text = full.format(when); } catch { continue; }
      const distance = now - when;
      if (distance >= 0 && distance < DAY) {
        time.textContent = ago(distance);
        time.title = text;
      } else {
        time.textContent = text;
        time.removeAttribute("title");
      }
    }
  };
  update();
  setInterval(update, 60000);
})();
