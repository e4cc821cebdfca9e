// The billing API's resources, as the rest of the app sees them.
import { getJson, postJson } from './http.js';

export interface Customer {
  id: string;
  name: string;
  email: string;
}

export interface Invoice {
  id: string;
  customerId: string;
  amount: number;
  paid: boolean;
}

export function loadCustomer(id: string, signal?: AbortSignal): Promise<Customer> {
  return getJson<Customer>(`/customers/${id}`, { signal });
}

export function loadInvoices(customerId: string, options: { signal?: AbortSignal } = {}): Promise<Invoice[]> {
  return getJson<Invoice[]>(`/customers/${customerId}/invoices`, { signal: options.signal });
}

/** Emails the customer about their unpaid invoices. */
export function sendReminder(customerId: string, signal?: AbortSignal): Promise<void> {
  return postJson(`/customers/${customerId}/reminders`, {}, { signal });
}

/** Records who did what, for the finance team. */
export function audit(event: string, subject: string): Promise<void> {
  return postJson('/audit', { event, subject, at: new Date().toISOString() });
}
