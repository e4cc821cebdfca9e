// Plain JavaScript: suggestions must at least parse.
async function post(url, body, signal) {
  const response = await fetch(url, { method: 'POST', body, signal });
  return response.json();
}

export async function sync(items, signal) {
  const [a, b] = await Promise.all([post('/a', items[0]), post('/b', items[1])]);
  items.forEach(async (item) => {
    await post('/item', item);
  });
  post('/done', '');
  await fetch('/status');
  return Promise.race([a, b, new Promise((resolve) => setTimeout(resolve, 100))]);
}
