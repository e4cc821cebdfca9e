// Async callbacks handed to array methods that neither await nor use them.
interface Subscriber {
  email: string;
  active: boolean;
}

async function send(subscriber: Subscriber, subject: string, signal?: AbortSignal): Promise<void> {
  await fetch('https://mail.example.com/send', { method: 'POST', body: JSON.stringify({ to: subscriber.email, subject }), signal });
}

async function isBounced(subscriber: Subscriber): Promise<boolean> {
  const response = await fetch(`https://mail.example.com/bounces/${subscriber.email}`);
  return response.ok;
}

export async function newsletter(subscribers: Subscriber[], subject: string): Promise<void> {
  subscribers.forEach(async (subscriber) => {
    await send(subscriber, subject);
  });
}

export async function reminders(subscribers: Subscriber[]): Promise<void> {
  subscribers.map(async (subscriber) => send(subscriber, 'Reminder'));
}

export function bounced(subscribers: Subscriber[]): Subscriber[] {
  return subscribers.filter(async (subscriber) => isBounced(subscriber));
}

export function anyBounced(subscribers: Subscriber[]): boolean {
  return subscribers.some(async (subscriber) => await isBounced(subscriber));
}
