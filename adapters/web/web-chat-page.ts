/**
 * The web chat page: plain HTML and a small script, no build step. Catalog
 * text is put on the page with textContent only, never as HTML.
 */
export const WEB_CHAT_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Showroom</title>
<style>
  body { font: 15px/1.45 system-ui, sans-serif; margin: 0; background: #f4f2ef; color: #222; }
  header { background: #1f2a44; color: #fff; padding: .7rem 1rem; font-weight: 600; }
  #log { max-width: 52rem; margin: 0 auto; padding: 1rem 1rem 6rem; }
  .msg { margin: .5rem 0; padding: .6rem .8rem; border-radius: .6rem; max-width: 90%; white-space: pre-wrap; }
  .buyer { background: #dbe8ff; margin-left: auto; }
  .bot { background: #fff; box-shadow: 0 1px 2px #0002; }
  .cards { display: flex; flex-wrap: wrap; gap: .6rem; margin-top: .5rem; }
  .card { background: #fafafa; border: 1px solid #ddd; border-radius: .5rem; width: 15rem; padding: .5rem; }
  .card img { width: 100%; height: 9rem; object-fit: cover; background: #eee; border-radius: .3rem; }
  .card .title { font-weight: 600; margin: .3rem 0; }
  .card .price { color: #0a6; font-weight: 600; }
  .card .why { color: #666; font-size: .85em; }
  .buttons { display: flex; flex-wrap: wrap; gap: .3rem; margin-top: .5rem; }
  button { border: 1px solid #1f2a44; background: #fff; color: #1f2a44; border-radius: 1rem; padding: .25rem .7rem; cursor: pointer; }
  button:hover { background: #1f2a44; color: #fff; }
  form { position: fixed; bottom: 0; left: 0; right: 0; display: flex; gap: .5rem; padding: .7rem; background: #fff; border-top: 1px solid #ddd; }
  form input { flex: 1; font: inherit; padding: .5rem; border: 1px solid #bbb; border-radius: .4rem; }
  .error { color: #b00; }
  .pushed { border-left: 3px solid #0a6; }
</style>
</head>
<body>
<header>Showroom</header>
<main id="log" aria-live="polite"></main>
<form id="send"><input id="text" autocomplete="off" placeholder="e.g. 300 red chiffon maxi dresses under $12" maxlength="2000" aria-label="Your message"><button>Send</button></form>
<script>
  const POLL_MS = 3000;
  const log = document.getElementById('log');
  const input = document.getElementById('text');
  const randomId = () => Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join('');
  const user = localStorage.getItem('showroom-user') || randomId();
  localStorage.setItem('showroom-user', user);

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function money(amount, currency) {
    try { return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(amount); } catch { return amount + ' ' + currency; }
  }
  function render(reply) {
    const box = el('div', 'msg bot', reply.text);
    box.dataset.kind = reply.kind;
    if (reply.direction === 'rtl') box.dir = 'rtl';
    if (reply.kind === 'products' || reply.kind === 'shortlist' || reply.kind === 'bundle') {
      const cards = el('div', 'cards');
      const items = reply.kind === 'bundle' ? [reply.bundle.main, ...reply.bundle.items] : reply.items;
      for (const item of items) {
        const card = el('div', 'card');
        card.dataset.sku = item.sku;
        if (item.image_url) { const img = el('img'); img.src = item.image_url; img.alt = item.title; card.append(img); }
        card.append(el('div', 'title', item.title + ' (' + item.sku + ')'));
        if (item.unit_price_at_quantity != null) {
          const qty = item.price_quantity || item.quantity || (reply.bundle && reply.bundle.quantity);
          card.append(el('div', 'price', money(item.unit_price_at_quantity, item.currency) + ' × ' + qty));
        }
        if (item.moq) card.append(el('div', '', 'MOQ ' + item.moq + (item.lead_time_days != null ? ' · ' + item.lead_time_days + ' days' : '')));
        if (item.why) card.append(el('div', 'why', item.why));
        cards.append(card);
      }
      box.append(cards);
    }
    if (reply.buttons && reply.buttons.length) {
      const row = el('div', 'buttons');
      for (const b of reply.buttons) {
        const button = el('button', '', b.label);
        button.type = 'button';
        button.addEventListener('click', () => send({ actionId: b.id }, b.label));
        row.append(button);
      }
      box.append(row);
    }
    log.append(box);
  }
  async function send(message, shown) {
    log.append(el('div', 'msg buyer', shown));
    try {
      const response = await fetch('/api/chat', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user, id: randomId(), ...message }) });
      const body = await response.json();
      if (!response.ok) throw new Error(body.error || response.statusText);
      body.replies.forEach(render);
    } catch (error) {
      log.append(el('div', 'msg bot error', 'Sorry, that did not go through: ' + error.message + '. Please try again.'));
    }
    window.scrollTo(0, document.body.scrollHeight);
  }
  // What a sales rep says arrives outside any reply: asked for every few seconds, and kept
  // counted in localStorage so a message sent while the page was closed shows when it opens.
  let after = Number(localStorage.getItem('showroom-after') || '0');
  async function poll() {
    try {
      const response = await fetch('/api/chat/updates?user=' + user + '&after=' + after);
      if (response.ok) {
        const body = await response.json();
        for (const message of body.messages) {
          const box = el('div', 'msg bot pushed', message.text);
          box.dataset.kind = 'pushed';
          box.dataset.from = message.from;
          box.dir = 'auto';
          log.append(box);
          window.scrollTo(0, document.body.scrollHeight);
        }
        after = body.after;
        localStorage.setItem('showroom-after', String(after));
      }
    } catch { /* offline for a moment: the next poll tries again */ }
    setTimeout(poll, document.hidden ? 15000 : POLL_MS);
  }
  poll();

  document.getElementById('send').addEventListener('submit', (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    input.value = '';
    send({ text }, text);
  });
</script>
</body>
</html>
`;
