// What the nightly job and the payment webhook do.
import { type Customer, type Invoice, audit } from './accounts.js';
import { API, postJson } from './http.js';

export async function sendReminders(customers: Customer[]): Promise<void> {
  // lint: no-async-iteration-callback
  customers.forEach(async (customer) => {
    await postJson('/reminders', { to: customer.email });
  });
}

export async function notifyOverdue(customer: Customer, invoice: Invoice): Promise<void> {
  // Best effort: either channel may be down. Only configs.strict reports the unread results.
  await Promise.allSettled([
    postJson('/email', { to: customer.email, template: 'overdue', invoice: invoice.id }),
    postJson('/push', { user: customer.id, text: `Invoice ${invoice.id} is overdue` }),
  ]);
}

export async function markPaid(invoice: Invoice, signal?: AbortSignal): Promise<void> {
  // lint: no-floating-promises
  audit('invoice.paid', invoice.id);
  await postJson(`/invoices/${invoice.id}/paid`, {}, { signal });
}

export async function downloadStatement(customerId: string, signal: AbortSignal): Promise<Blob> {
  // lint: require-signal-propagation
  const response = await fetch(`${API}/customers/${customerId}/statement.pdf`);
  if (!response.ok) throw new Error(`statement of ${customerId}: HTTP ${response.status}`);
  return response.blob();
}
