// The phone menu (USWDS's header below its desktop width). USWDS's own script wires the
// menu once, when the page loads, to a header that is not drawn yet, and keeps a focus
// trap on elements the next page replaces: opening it threw, and a choice that redraws
// the header (the language, signing out) left its overlay over the page. The portal
// redraws the header on every page, so it opens and closes the menu itself, and closes
// it before each redraw.
const ACTIVE = "usa-js-mobile-nav--active";

const nav = () => document.querySelector("#site-header .usa-nav");
const opener = () => document.querySelector("#site-header .usa-menu-btn");
export const isOpen = () => document.body.classList.contains(ACTIVE);

function hideTheRest(hidden) {
  // while the menu is open, a screen reader reads only the header
  for (const element of document.querySelectorAll("body > *:not(#site-header):not(.usa-overlay):not(script)")) {
    if (hidden) element.setAttribute("inert", "");
    else element.removeAttribute("inert");
  }
}

export function closeMenu({ focus = false } = {}) {
  if (!isOpen()) return;
  document.body.classList.remove(ACTIVE);
  for (const element of document.querySelectorAll(".usa-nav, .usa-overlay")) element.classList.remove("is-visible");
  hideTheRest(false);
  opener()?.setAttribute("aria-expanded", "false");
  if (focus) opener()?.focus();
}

function openMenu() {
  document.body.classList.add(ACTIVE);
  nav()?.classList.add("is-visible");
  document.querySelector(".usa-overlay")?.classList.add("is-visible");
  hideTheRest(true);
  opener()?.setAttribute("aria-expanded", "true");
  nav()?.querySelector(".usa-nav__close")?.focus();
}

function trapTab(event) {
  if (!isOpen()) return;
  if (event.key === "Escape") { closeMenu({ focus: true }); return; }
  if (event.key !== "Tab") return;
  const stops = [...nav().querySelectorAll("a[href], button:not([disabled])")];
  const [first, last] = [stops[0], stops[stops.length - 1]];
  if (event.shiftKey && document.activeElement === first) { event.preventDefault(); last.focus(); }
  else if (!event.shiftKey && document.activeElement === last) { event.preventDefault(); first.focus(); }
}

// Wires the header just drawn. Listeners sit on the buttons and stop there, so USWDS's
// (on the body) never sees these clicks.
export function wireMenu() {
  const own = (element, action) => element?.addEventListener("click", (event) => {
    event.stopPropagation();
    action();
  });
  own(opener(), () => (isOpen() ? closeMenu() : openMenu()));
  own(nav()?.querySelector(".usa-nav__close"), () => closeMenu({ focus: true }));
  nav()?.addEventListener("keydown", trapTab);
  // a link in the menu closes it before the click reaches USWDS's listener (which would
  // close it again with its broken trap) and the portal's router
  nav()?.addEventListener("click", (event) => { if (event.target.closest("a[href]")) closeMenu(); });
}

// The overlay is drawn once, with the page; a tap on it closes the menu.
document.querySelector(".usa-overlay")?.addEventListener("click", (event) => {
  event.stopPropagation();
  closeMenu({ focus: true });
});
// Wider than a phone, the menu is the desktop's bar again. This module runs before USWDS
// wires itself (at DOMContentLoaded), so this listener closes the menu before USWDS's.
window.addEventListener("resize", () => {
  const button = opener();
  if (isOpen() && button && getComputedStyle(button).display === "none") closeMenu();
});
