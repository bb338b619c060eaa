/**
 * "/" from any page puts the cursor in the search box, as on most news and docs sites.
 * This listener is the only script outside the search page; search itself loads on demand.
 */
document.addEventListener('keydown', (event) => {
  if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
  const target = event.target as HTMLElement | null;
  if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
  const box = document.querySelector<HTMLInputElement>('#search-q, #site-search');
  if (!box) return;
  event.preventDefault();
  box.focus();
  box.select();
});
