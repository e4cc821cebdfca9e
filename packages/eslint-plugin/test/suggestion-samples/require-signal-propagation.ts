// A signal is in scope, but the calls that could take it don't get it.
import { all } from 'taskscope';

interface Invoice {
  id: string;
  total: number;
}

async function getInvoice(id: string, signal?: AbortSignal): Promise<Invoice> {
  const response = await fetch(`https://billing.example.com/invoices/${id}`, { signal });
  return (await response.json()) as Invoice;
}

async function listInvoices(options: { customer: string; signal?: AbortSignal }): Promise<Invoice[]> {
  const response = await fetch(`https://billing.example.com/customers/${options.customer}/invoices`, options);
  return (await response.json()) as Invoice[];
}

export async function invoice(id: string, signal: AbortSignal): Promise<Invoice> {
  return getInvoice(id);
}

export async function statement(customer: string, { signal }: { signal?: AbortSignal } = {}): Promise<number> {
  const invoices = await listInvoices({ customer });
  const response = await fetch(`https://billing.example.com/customers/${customer}/credit`);
  return invoices.reduce((sum, item) => sum + item.total, 0) - Number(await response.text());
}

export async function exportPdf(id: string, options: { signal: AbortSignal }): Promise<Blob> {
  const response = await fetch(`https://billing.example.com/invoices/${id}.pdf`, { headers: { accept: 'application/pdf' } });
  return response.blob();
}

export async function pair(a: string, b: string): Promise<[Invoice, Invoice]> {
  return all([(signal) => getInvoice(a), (signal) => getInvoice(b, signal)]);
}
