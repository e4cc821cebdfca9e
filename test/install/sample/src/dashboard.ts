// The account page and the team overview.
import { type Customer, type Invoice, loadCustomer, loadInvoices, sendReminder } from './accounts.js';
import { getJson } from './http.js';

export interface Dashboard {
  customer: Customer;
  unpaid: Invoice[];
  total: number;
}

export async function loadDashboard(customerId: string): Promise<Dashboard> {
  // Two reads side by side: one left to finish after the other fails costs nothing (not reported).
  const [customer, invoices] = await Promise.all([loadCustomer(customerId), loadInvoices(customerId)]);
  const unpaid = invoices.filter((invoice) => !invoice.paid);
  return { customer, unpaid, total: unpaid.reduce((sum, invoice) => sum + invoice.amount, 0) };
}

export async function remindTeam(ids: string[]): Promise<void> {
  // lint: no-orphaned-fan-out
  await Promise.all(ids.map((id) => sendReminder(id)));
}

const RATES_TIMEOUT_MS = 2_000;

export async function exchangeRate(currency: string): Promise<number> {
  // A stale rate is worse than none: the rates service gets two seconds.
  // lint: no-uncancelled-race
  const quote = await Promise.race([
    getJson<{ rate: number }>(`/rates/${currency}`),
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('rates timed out')), RATES_TIMEOUT_MS)),
  ]);
  return quote.rate;
}
